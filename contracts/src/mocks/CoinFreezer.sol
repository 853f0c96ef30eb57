// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {CashExitGame} from "../games/CashExitGame.sol";
import {CashExitGameBase} from "../games/CashExitGameBase.sol";

/// @dev The framework's commit registry, which every payout move reveals against.
interface IChallengeCommitments {
    function commitChallenge(bytes32 commitment) external;
}

/// @title CoinFreezer
/// @notice Test account for the freeze attack on Plasma Cash: a contract that owns a coin by a transfer the
///         operator forged and, in one transaction, starts an exit (or checkpoint) of it and files against
///         that claim the one challenge-before nobody can answer, so that nobody else can file it first. It
///         repeats once the claim has failed. The game must let the coin's rightful owner exit and challenge
///         beside it, and must make every round cost the freezer its claim bond.
contract CoinFreezer {
    error NotOwner();
    error CallFailed(bytes reason);

    /// @notice The evidence to file; empty `txBytes` means the origin.
    struct Evidence {
        bytes txBytes;
        bytes sig;
        bytes proof;
        uint64 blk;
    }

    CashExitGame public immutable game;
    IChallengeCommitments public immutable framework;
    address public immutable owner;

    constructor(CashExitGame game_, IChallengeCommitments framework_) {
        game = game_;
        framework = framework_;
        owner = msg.sender;
    }

    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner();
        _;
    }

    /// @notice Commits, as this contract, to revealing `txHash` for `slot` (0 for the origin).
    function commit(uint64 slot, bytes32 txHash) external onlyOwner {
        framework.commitChallenge(keccak256(abi.encode(address(this), slot, txHash)));
    }

    /// @notice In one transaction: starts the claim and challenges it with `evidence` (sent: claim bond plus
    ///         challenge bond).
    function claimAndChallenge(
        uint64 slot,
        bool checkpoint,
        CashExitGameBase.CoinClaim calldata claim,
        Evidence calldata evidence
    ) external payable onlyOwner {
        if (checkpoint) game.startCheckpoint{value: game.checkpointBond()}(slot, claim);
        else game.startExit{value: game.coinExitBond()}(slot, claim);
        _challenge(slot, checkpoint, evidence);
    }

    /// @notice In one transaction: finalizes the failed claim (which still has the challenge open), starts it
    ///         again and challenges it again.
    function again(uint64 slot, bool checkpoint, CashExitGameBase.CoinClaim calldata claim, Evidence calldata evidence)
        external
        payable
        onlyOwner
    {
        if (checkpoint) {
            game.finalizeCheckpoint(slot, address(this));
            game.startCheckpoint{value: game.checkpointBond()}(slot, claim);
        } else {
            game.finalizeExit(slot, address(this));
            game.startExit{value: game.coinExitBond()}(slot, claim);
        }
        _challenge(slot, checkpoint, evidence);
    }

    function _challenge(uint64 slot, bool checkpoint, Evidence calldata e) private {
        uint256 bond = game.challengeBond();
        if (e.txBytes.length == 0) {
            game.challengeBeforeFromOrigin{value: bond}(slot, address(this), checkpoint);
        } else {
            game.challengeBefore{value: bond}(slot, address(this), checkpoint, e.txBytes, e.sig, e.proof, e.blk);
        }
    }

    /// @notice Pulls the bonds credited to this contract and forwards everything it holds to its owner.
    function cashOut() external onlyOwner {
        if (game.bonds(address(this)) != 0) game.withdrawBonds();
        (bool ok, bytes memory ret) = owner.call{value: address(this).balance}("");
        if (!ok) revert CallFailed(ret);
    }

    receive() external payable {}
}
