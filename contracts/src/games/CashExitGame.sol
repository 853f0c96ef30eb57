// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {CashExitGameBase} from "./CashExitGameBase.sol";
import {IPlasmaFramework} from "../interfaces/IPlasmaFramework.sol";

/// @title CashExitGame
/// @notice Plasma Cash (docs/protocol.md section 9): coins with a unique slot, deposited here and held here
///         (never in the framework's UTXO vault, so neither kind of funds can back the other's exits), moved
///         by 36-byte transfers committed in each child block's coin tree, and exited through the Plasma
///         Cash game: exits and checkpoints claim the coin's last two transfers; challenge-after (the
///         exiting transfer was spent), challenge-between (the previous owner double-spent) and
///         challenge-before (invalid history, bonded, answered by a later spend) defend them.
/// @dev Registered with the framework as kind 3 (EXIT_KIND_CASH), without queue or vault access. Every
///      move that pays msg.sender reveals a transfer committed as framework.commitChallenge(keccak256(
///      abi.encode(msg.sender, slot, txHash))) at least one block before (txHash 0 for the origin).
contract CashExitGame is CashExitGameBase, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    uint8 internal constant REASON_AFTER = 1;
    uint8 internal constant REASON_BETWEEN = 2;
    uint8 internal constant REASON_CHALLENGED_BEFORE = 3;

    constructor(IPlasmaFramework framework_, uint256 coinExitBond_, uint256 challengeBond_, uint256 checkpointBond_)
        CashExitGameBase(framework_, coinExitBond_, challengeBond_, checkpointBond_)
    {}

    // ---- deposits ----

    /// @notice Deposits the ETH sent as a new coin of the caller.
    function depositEth() external payable nonReentrant returns (uint64 slot) {
        if (msg.value == 0) revert ZeroDeposit();
        return _mint(address(0), KIND_ETH, msg.value);
    }

    /// @notice Deposits ERC20 tokens (approved first) as a new coin worth what actually arrived.
    function depositErc20(address token, uint256 amount) external nonReentrant returns (uint64 slot) {
        uint256 before = IERC20(token).balanceOf(address(this));
        IERC20(token).safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = IERC20(token).balanceOf(address(this)) - before;
        if (received == 0) revert ZeroDeposit();
        return _mint(token, KIND_ERC20, received);
    }

    /// @notice Deposits an ERC721 token (approved first) as a new coin carrying its token id.
    function depositErc721(address token, uint256 tokenId) external nonReentrant returns (uint64 slot) {
        IERC721(token).transferFrom(msg.sender, address(this), tokenId);
        if (IERC721(token).ownerOf(tokenId) != address(this)) revert Erc721NotReceived(token, tokenId);
        return _mint(token, KIND_ERC721, tokenId);
    }

    /// @dev The coin's origin block is the last child block committed before the deposit: its first
    ///      transfer names it as prevBlock and lands in a later block.
    function _mint(address token, uint8 kind, uint256 value) private returns (uint64 slot) {
        slot = nextSlot++;
        uint64 originBlock = uint64(framework.nextChildBlock() - 1);
        _coins[slot] = CoinRecord({
            token: token,
            kind: kind,
            state: DEPOSITED,
            originBlock: originBlock,
            originOwner: msg.sender,
            exitedOwner: address(0),
            value: value
        });
        emit CoinDeposited(slot, msg.sender, token, kind, value, originBlock);
    }

    // ---- exits ----

    /// @notice Starts an exit of a coin the caller owns by `claim` (its last two transfers, or its origin).
    function startExit(uint64 slot, CoinClaim calldata claim) external payable {
        _requireBond(coinExitBond);
        CoinRecord storage c = _coin(slot);
        if (c.state == EXITING) revert CoinExiting(slot);
        if (c.state != DEPOSITED) revert CoinExited(slot);
        Claim memory r = _verifyClaim(slot, c, claim);
        _openClaim(slot, 0, r);
        c.state = EXITING;
        emit CoinExitStarted(slot, r.owner, r.exitBlock, r.prevBlock);
    }

    /// @notice Cancels an exit whose transfer was spent: `txBytes` spends it (prevBlock = the exit block),
    ///         signed by the exiting owner and included at a later block. The exit bond goes to the caller.
    function challengeAfter(uint64 slot, bytes calldata txBytes, bytes calldata sig, bytes calldata proof, uint64 blk)
        external
    {
        Claim storage e = _activeClaim(slot, 0);
        Shown memory s = _show(slot, txBytes, sig, proof, blk);
        if (s.t.prevBlock != e.exitBlock) revert WrongPrevBlock(s.t.prevBlock, e.exitBlock);
        if (blk <= e.exitBlock) revert BlockOutOfRange(blk);
        _requireSigner(s.signer, e.owner);
        _closeClaim(slot, 0, msg.sender, coinExitBond);
        emit CoinExitCancelled(slot, msg.sender, REASON_AFTER);
    }

    /// @notice Cancels an exit whose previous owner double-spent: `txBytes` spends the same block as the
    ///         exiting transfer (prevBlock = the exit's prevBlock, so an old period's transfer never
    ///         matches), signed by the previous owner, included between prevBlock and the exit block.
    function challengeBetween(
        uint64 slot,
        bytes calldata txBytes,
        bytes calldata sig,
        bytes calldata proof,
        uint64 blk
    ) external {
        _challengeBetween(slot, 0, _betweenClaim(slot, 0), _show(slot, txBytes, sig, proof, blk));
        emit CoinExitCancelled(slot, msg.sender, REASON_BETWEEN);
    }

    /// @notice challengeBetween against a pending checkpoint; the checkpoint bond goes to the caller.
    function challengeCheckpointBetween(
        uint64 slot,
        bytes calldata txBytes,
        bytes calldata sig,
        bytes calldata proof,
        uint64 blk
    ) external {
        _challengeBetween(slot, 1, _betweenClaim(slot, 1), _show(slot, txBytes, sig, proof, blk));
        emit CheckpointCancelled(slot, msg.sender, REASON_BETWEEN);
    }

    function _betweenClaim(uint64 slot, uint256 i) private view returns (Claim storage cl) {
        cl = _activeClaim(slot, i);
        if (cl.prevBlock == 0) revert OriginClaim();
    }

    function _challengeBetween(uint64 slot, uint256 i, Claim storage cl, Shown memory s) private {
        if (s.t.prevBlock != cl.prevBlock) revert WrongPrevBlock(s.t.prevBlock, cl.prevBlock);
        if (s.blk <= cl.prevBlock || s.blk >= cl.exitBlock) revert BlockOutOfRange(s.blk);
        _requireSigner(s.signer, cl.prevOwner);
        _closeClaim(slot, i, msg.sender, i == 0 ? coinExitBond : checkpointBond);
    }

    /// @notice Challenges the history of an exit (or checkpoint) with a bond: a transfer included after the
    ///         origin and before the claim's previous block, whose new owner must be shown to have spent
    ///         it (respondChallengeBefore) or the claim fails.
    function challengeBefore(
        uint64 slot,
        bool onCheckpoint,
        bytes calldata txBytes,
        bytes calldata sig,
        bytes calldata proof,
        uint64 blk
    ) external payable {
        _requireBond(challengeBond);
        uint256 i = onCheckpoint ? 1 : 0;
        Claim storage cl = _activeClaim(slot, i);
        Shown memory s = _show(slot, txBytes, sig, proof, blk);
        if (blk <= _coins[slot].originBlock || blk >= cl.prevBlock) revert BlockOutOfRange(blk);
        _recordChallenge(slot, i, cl, s.txHash, s.t.newOwner, blk);
    }

    /// @notice challengeBefore with the origin itself: the origin owner must be shown to have spent the coin.
    function challengeBeforeFromOrigin(uint64 slot, bool onCheckpoint) external payable {
        _requireBond(challengeBond);
        uint256 i = onCheckpoint ? 1 : 0;
        Claim storage cl = _activeClaim(slot, i);
        _requireCommitment(keccak256(abi.encode(msg.sender, slot, bytes32(0))));
        CoinRecord storage c = _coins[slot];
        if (c.originBlock >= cl.prevBlock) revert BlockOutOfRange(c.originBlock);
        _recordChallenge(slot, i, cl, bytes32(0), c.originOwner, c.originBlock);
    }

    /// @dev A late challenge leaves the claimant half a period to answer.
    function _recordChallenge(
        uint64 slot,
        uint256 i,
        Claim storage cl,
        bytes32 txHash,
        address claimedOwner,
        uint64 blk
    ) private {
        uint32 round = _rounds[slot][i];
        bytes32 key = _challengeKey(slot, i, round, txHash);
        Challenge storage ch = _challenges[key];
        if (ch.challenger != address(0)) revert DuplicateChallenge(txHash);
        ch.challenger = msg.sender;
        ch.blk = blk;
        ch.open = true;
        ch.claimedOwner = claimedOwner;
        _challengeLists[_claimKey(slot, i, round)].push(key);
        ++cl.openChallenges;
        uint256 latest = block.timestamp + _mep / 2;
        if (latest > cl.exitableAt) cl.exitableAt = uint64(latest);
        emit CoinChallenged(slot, i == 1, txHash, claimedOwner, blk);
    }

    /// @notice Answers a challenge-before with a spend of its transfer by the owner it claims, included
    ///         after it and no later than the claim's previous block. The challenge bond goes to the caller.
    function respondChallengeBefore(
        uint64 slot,
        bool onCheckpoint,
        bytes32 challengeTxHash,
        bytes calldata txBytes,
        bytes calldata sig,
        bytes calldata proof,
        uint64 blk
    ) external {
        _respond(slot, onCheckpoint ? 1 : 0, challengeTxHash, _show(slot, txBytes, sig, proof, blk));
    }

    function _respond(uint64 slot, uint256 i, bytes32 challengeTxHash, Shown memory s) private {
        Claim storage cl = _activeClaim(slot, i);
        Challenge storage ch = _challenges[_challengeKey(slot, i, _rounds[slot][i], challengeTxHash)];
        if (!ch.open) revert NoSuchChallenge(challengeTxHash);
        if (s.t.prevBlock != ch.blk) revert WrongPrevBlock(s.t.prevBlock, ch.blk);
        if (s.blk <= ch.blk || s.blk > cl.prevBlock) revert BlockOutOfRange(s.blk);
        _requireSigner(s.signer, ch.claimedOwner);
        ch.open = false;
        --cl.openChallenges;
        bonds[msg.sender] += challengeBond;
        emit CoinChallengeAnswered(slot, i == 1, challengeTxHash, msg.sender);
    }

    /// @notice Ends an exit after its period: it fails if a challenge-before is still open (exit bond to the
    ///         earliest open challenger), else the coin is exited to its owner, who may withdraw it.
    function finalizeExit(uint64 slot) external {
        Claim storage e = _matureClaim(slot, 0);
        if (e.openChallenges != 0) {
            emit CoinExitCancelled(slot, _closeClaim(slot, 0, address(0), coinExitBond), REASON_CHALLENGED_BEFORE);
            return;
        }
        address owner = e.owner;
        CoinRecord storage c = _coins[slot];
        c.state = EXITED;
        c.exitedOwner = owner;
        bonds[owner] += coinExitBond;
        delete _claims[slot][0];
        emit CoinExitFinalized(slot, owner);
    }

    /// @notice Pays an exited coin to its owner.
    function withdraw(uint64 slot) external nonReentrant {
        CoinRecord storage c = _coins[slot];
        if (c.state != EXITED || msg.sender != c.exitedOwner) revert NotExitedOwner(c.exitedOwner);
        c.state = WITHDRAWN;
        if (c.kind == KIND_ETH) _sendEth(msg.sender, c.value);
        else if (c.kind == KIND_ERC20) IERC20(c.token).safeTransfer(msg.sender, c.value);
        else IERC721(c.token).safeTransferFrom(address(this), msg.sender, c.value);
        emit CoinWithdrawn(slot, msg.sender);
    }

    /// @notice Pays every bond credited to the caller (won, refunded or answered).
    function withdrawBonds() external nonReentrant {
        uint256 amount = bonds[msg.sender];
        if (amount == 0) revert NoBonds();
        bonds[msg.sender] = 0;
        _sendEth(msg.sender, amount);
        emit BondsWithdrawn(msg.sender, amount);
    }

    // ---- checkpoints ----

    /// @notice Starts a checkpoint: "at claim.exitBlock the coin belonged to the caller, with valid history".
    ///         Once final it becomes the coin's origin, and older history is no longer needed.
    function startCheckpoint(uint64 slot, CoinClaim calldata claim) external payable {
        _requireBond(checkpointBond);
        CoinRecord storage c = _coin(slot);
        if (c.state >= EXITED) revert CoinExited(slot);
        if (_claims[slot][1].exitableAt != 0) revert CheckpointPending(slot);
        if (claim.exitTx.length == 0) revert CheckpointOfOrigin();
        Claim memory r = _verifyClaim(slot, c, claim);
        _openClaim(slot, 1, r);
        emit CheckpointStarted(slot, r.owner, r.exitBlock, r.prevBlock);
    }

    /// @notice Ends a checkpoint after its period: without open challenges it moves the origin forward.
    function finalizeCheckpoint(uint64 slot) external {
        Claim storage cp = _matureClaim(slot, 1);
        if (cp.openChallenges != 0) {
            emit CheckpointCancelled(slot, _closeClaim(slot, 1, address(0), checkpointBond), REASON_CHALLENGED_BEFORE);
            return;
        }
        address owner = cp.owner;
        uint64 blk = cp.exitBlock;
        CoinRecord storage c = _coins[slot];
        if (blk > c.originBlock) {
            c.originBlock = blk;
            c.originOwner = owner;
        }
        bonds[owner] += checkpointBond;
        delete _claims[slot][1];
        emit CheckpointFinalized(slot, blk, owner);
    }

    // ---- internals ----

    function _requireBond(uint256 required) private view {
        if (msg.value != required) revert BadBond(msg.value, required);
    }

    function _openClaim(uint64 slot, uint256 i, Claim memory r) private {
        r.exitableAt = uint64(block.timestamp + _mep);
        r.openChallenges = 0;
        _claims[slot][i] = r;
        ++_rounds[slot][i];
    }

    function _matureClaim(uint64 slot, uint256 i) private view returns (Claim storage cl) {
        cl = _activeClaim(slot, i);
        if (block.timestamp < cl.exitableAt) revert ClaimNotMature(cl.exitableAt);
    }

    /// @dev Cancels a claim: its bond goes to `winner` (or, if zero, to the earliest open challenger), the
    ///      open challenges among its first SETTLED_AT_CLOSE are refunded, and an exiting coin is back to
    ///      DEPOSITED. Challenges beyond those, and the bond if none of those was open, wait for
    ///      settleChallenge.
    function _closeClaim(uint64 slot, uint256 i, address winner, uint256 claimBond) private returns (address) {
        bytes32 claimKey = _claimKey(slot, i, _rounds[slot][i]);
        bytes32[] storage keys = _challengeLists[claimKey];
        uint256 n = keys.length < SETTLED_AT_CLOSE ? keys.length : SETTLED_AT_CLOSE;
        uint256 bond = challengeBond;
        for (uint256 k = 0; k < n; ++k) {
            Challenge storage ch = _challenges[keys[k]];
            if (!ch.open) continue;
            ch.open = false;
            if (winner == address(0)) winner = ch.challenger;
            bonds[ch.challenger] += bond;
        }
        if (winner == address(0)) _unpaidClaimBonds[claimKey] = claimBond;
        else bonds[winner] += claimBond;
        delete _claims[slot][i];
        if (i == 0) _coins[slot].state = DEPOSITED;
        return winner;
    }

    /// @notice Refunds a challenge its claim's close left open (one beyond the first SETTLED_AT_CLOSE), plus
    ///         the claim's bond if the close found no open challenge to pay it to. Anyone may call it; the
    ///         challenger is paid. `round` is the claim's round (`claimRound` while it was pending).
    function settleChallenge(uint64 slot, bool onCheckpoint, uint32 round, bytes32 challengeTxHash) external {
        uint256 i = onCheckpoint ? 1 : 0;
        if (round == _rounds[slot][i] && _claims[slot][i].exitableAt != 0) revert ClaimStillPending(slot, onCheckpoint);
        Challenge storage ch = _challenges[_challengeKey(slot, i, round, challengeTxHash)];
        if (!ch.open) revert NoSuchChallenge(challengeTxHash);
        ch.open = false;
        bytes32 claimKey = _claimKey(slot, i, round);
        uint256 amount = challengeBond + _unpaidClaimBonds[claimKey];
        delete _unpaidClaimBonds[claimKey];
        bonds[ch.challenger] += amount;
        emit ChallengeSettled(slot, onCheckpoint, challengeTxHash, ch.challenger, amount);
    }

    /// @notice The round of a coin's current (or last) exit or checkpoint, which names its challenges.
    function claimRound(uint64 slot, bool onCheckpoint) external view returns (uint32) {
        return _rounds[slot][onCheckpoint ? 1 : 0];
    }

    function _sendEth(address to, uint256 amount) private {
        (bool ok,) = to.call{value: amount}("");
        if (!ok) revert EthTransferFailed(to);
    }
}
