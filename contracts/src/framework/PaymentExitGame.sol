// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ExitController} from "./ExitController.sol";
import {Merkle} from "../lib/Merkle.sol";
import {PaymentTx} from "../lib/PaymentTx.sol";
import {PaymentEip712} from "../lib/PaymentEip712.sol";
import {Position} from "../lib/Position.sol";
import {OutputKey} from "../lib/OutputKey.sol";
import {ExitTiming} from "../lib/ExitTiming.sol";
import {ExitAmount} from "../lib/ExitAmount.sol";

/// @title PaymentExitGame
/// @notice Standard exits of payment (type 1) and fee (type 2) outputs, challenged by commit and reveal
///         (docs/protocol.md section 5).
abstract contract PaymentExitGame is ExitController, EIP712 {
    enum ExitState {
        None,
        Exiting,
        Challenged,
        Exited
    }

    /// @dev Owner ‖ state ‖ amount's high 88 bits, token (not written for ETH), output key. The amount's
    ///      low 128 bits ride in the output's reservation word (ExitController), which the exit writes
    ///      anyway: an ETH exit writes three new slots, as many as before outputs were reserved. Amounts
    ///      below 2^216 fit. A processed exit keeps only owner and `Exited`.
    struct StandardExit {
        address owner;
        ExitState state;
        uint88 amountHigh;
        address token;
        bytes32 outputKey;
    }

    /// @dev An output proven included, ready to be recorded.
    struct Verified {
        PaymentTx.Output out;
        uint256 exitableAt;
        bytes32 outputKey;
    }

    /// @notice msg.value is not the exit bond.
    error WrongBond(uint256 sent, uint256 required);
    /// @notice The block is unknown (no commitment stored for it).
    error UnknownBlock(uint256 blkNum);
    /// @notice The proof, transaction and timestamp do not match the block commitment.
    error CommitmentMismatch(uint256 blkNum);
    /// @notice The output index is beyond the transaction's outputs.
    error NoSuchOutput(uint256 position);
    /// @notice Only the output's owner may start its standard exit.
    error NotOutputOwner(address owner);
    /// @notice The output already has an exit in progress.
    error AlreadyExiting(uint256 position);
    /// @notice The output was already exited (processed) and can never be exited again.
    error AlreadyExited(uint256 position);
    /// @notice The output was shown spent by a successful challenge.
    error ExitWasChallenged(uint256 position);
    /// @notice The exit is not in progress.
    error ExitNotActive(uint256 position);
    /// @notice The caller already made this challenge commitment.
    error AlreadyCommitted();
    /// @notice No matching commitment was made by the caller.
    error NoCommitment();
    /// @notice The commitment was made in this block; reveal at least one block later.
    error CommitmentTooRecent();
    /// @notice Input `inputIndex` of the spending transaction is not the exiting output.
    error NotSpendingOutput();
    /// @notice The signature is malformed or malleable (high s, bad v, wrong length).
    error BadSignature();
    /// @notice The signature is valid but not by the exiting output's owner.
    error SignerNotOwner(address signer);
    /// @notice The process bounty exceeds the exit bond.
    error BountyExceedsBond();
    /// @notice The output's amount does not fit the 216 bits a standard exit keeps (no token comes near
    ///         2^216; only an operator could forge such an output).
    error AmountTooLarge(uint256 amount);

    /// @notice A standard exit was started.
    event ExitStarted(
        uint256 indexed position, address indexed owner, address indexed token, uint256 amount, uint256 exitableAt
    );
    /// @notice A standard exit was shown invalid; its bond went to `challenger`.
    event ExitChallenged(uint256 indexed position, address indexed challenger);
    /// @notice An exit reached the head of the queue but a canonical in-flight transaction had spent its
    ///         output meanwhile (lib/OutputKey.sol); it paid nothing but the bond refund.
    event ExitOmitted(uint256 indexed position, address indexed owner);
    /// @notice A standard exit was paid out.
    event ExitFinalized(uint256 indexed position, address indexed owner, address indexed token, uint256 amount);
    /// @notice A challenge commitment was recorded.
    event ChallengeCommitted(address indexed challenger, bytes32 commitment);

    /// @notice ETH bond required to start a standard exit.
    uint256 public immutable exitBond;
    /// @notice Part of the bond paid to whoever processes the exit.
    uint256 public immutable processBounty;

    mapping(uint256 position => StandardExit) private _exits;

    /// @notice Block number at which each challenge commitment was made.
    mapping(bytes32 commitment => uint256 blockNumber) public challengeCommitments;

    constructor(uint256 exitBond_, uint256 processBounty_) EIP712("Plasma4j", "1") {
        if (processBounty_ > exitBond_) revert BountyExceedsBond();
        exitBond = exitBond_;
        processBounty = processBounty_;
    }

    /// @notice Starts a standard exit of the caller's output at `position`.
    /// @param position The output position (blkNum * 1e6 + txIndex * 10 + outputIndex).
    /// @param txBytes The unsigned transaction (RLP) that created the output.
    /// @param proof 16 sibling hashes (512 bytes) proving `txBytes` in the block.
    /// @param blockTimestamp The timestamp from the block's BlockSubmitted / DepositCreated event.
    function startStandardExit(uint256 position, bytes calldata txBytes, bytes calldata proof, uint256 blockTimestamp)
        external
        payable
    {
        if (msg.value != exitBond) revert WrongBond(msg.value, exitBond);
        StandardExit storage e = _exits[position];
        _requireNoExit(e.state, position);
        Verified memory v = _verifyOutput(position, txBytes, proof, blockTimestamp);
        _recordExit(e, position, v.out, v.outputKey);
        _enqueue(v.out.token, _encodeEntry(v.exitableAt, position, EXIT_KIND_STANDARD, 0));
        _holdBond(msg.value);
        emit ExitStarted(position, msg.sender, v.out.token, v.out.amount, v.exitableAt);
    }

    function _recordExit(StandardExit storage e, uint256 position, PaymentTx.Output memory out, bytes32 outputKey)
        private
    {
        if (out.owner != msg.sender) revert NotOutputOwner(out.owner);
        if (out.amount >> 216 != 0) revert AmountTooLarge(out.amount);
        // the output's one open exit until it is challenged away or paid (a mass exit or a piggyback of
        // the same output reverts, and vice versa)
        _reserveOutput(outputKey, _holder(EXIT_KIND_STANDARD, position), uint128(out.amount));
        e.owner = msg.sender;
        e.state = ExitState.Exiting;
        e.amountHigh = uint88(out.amount >> 128);
        if (out.token != address(0)) e.token = out.token;
        e.outputKey = outputKey;
    }

    /// @notice Step 1 of a challenge: commit to `keccak256(abi.encode(msg.sender, position,
    ///         keccak256(spendingTxBytes)))` so the reveal cannot be front-run for the bond.
    function commitChallenge(bytes32 commitment) external {
        if (challengeCommitments[commitment] != 0) revert AlreadyCommitted();
        challengeCommitments[commitment] = block.number;
        emit ChallengeCommitted(msg.sender, commitment);
    }

    /// @notice Step 2, at least one block after the commitment: shows that the exiting output was spent
    ///         by a transaction its owner signed (inclusion is not needed). The bond goes to the caller.
    /// @param position The exiting output.
    /// @param spendingTxBytes The unsigned spending transaction (RLP).
    /// @param inputIndex Which input of the spending transaction is `position`.
    /// @param signature The owner's 65-byte EIP-712 signature r ‖ s ‖ v over the spending transaction.
    function challengeStandardExit(
        uint256 position,
        bytes calldata spendingTxBytes,
        uint256 inputIndex,
        bytes calldata signature
    ) external {
        bytes32 commitment = keccak256(abi.encode(msg.sender, position, keccak256(spendingTxBytes)));
        uint256 committedAt = challengeCommitments[commitment];
        if (committedAt == 0) revert NoCommitment();
        if (committedAt >= block.number) revert CommitmentTooRecent();

        StandardExit storage e = _exits[position];
        if (e.state != ExitState.Exiting) revert ExitNotActive(position);

        PaymentTx.Transaction memory t = PaymentTx.decode(spendingTxBytes);
        if (inputIndex >= t.inputs.length || t.inputs[inputIndex] != position) revert NotSpendingOutput();
        (address signer, ECDSA.RecoverError err,) =
            ECDSA.tryRecover(_hashTypedDataV4(PaymentEip712.hashTx(t)), signature);
        if (err != ECDSA.RecoverError.NoError) revert BadSignature();
        if (signer != e.owner) revert SignerNotOwner(signer);

        delete challengeCommitments[commitment];
        e.state = ExitState.Challenged;
        _releaseOutput(e.outputKey, _holder(EXIT_KIND_STANDARD, position));
        emit ExitChallenged(position, msg.sender);
        _payout(msg.sender, address(0), 0, exitBond);
    }

    /// @notice The standard exit record of `position` (zeros and `None` if there is none).
    function exits(uint256 position)
        external
        view
        returns (address owner, address token, uint256 amount, ExitState state)
    {
        StandardExit storage e = _exits[position];
        uint256 low = _heldPayload(e.outputKey, _holder(EXIT_KIND_STANDARD, position));
        return (e.owner, e.token, (uint256(e.amountHigh) << 128) | low, e.state);
    }

    /// @notice True once the output's exit was processed; such an output can never exit again.
    function isExited(uint256 position) external view returns (bool) {
        return _exits[position].state == ExitState.Exited;
    }

    /// @notice The EIP-712 domain separator (name "Plasma4j", version "1", this chain, this contract).
    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /// @notice The EIP-712 digest a wallet signs for `txBytes` (which must be a valid transaction).
    function txDigest(bytes calldata txBytes) external view returns (bytes32) {
        return _hashTypedDataV4(PaymentEip712.hashTx(PaymentTx.decode(txBytes)));
    }

    /// @dev Pays out a popped standard exit; challenged exits are skipped and earn no bounty.
    function _finalizeStandardExit(address token, uint256 position) internal returns (uint256 bounty) {
        StandardExit storage e = _exits[position];
        if (e.state != ExitState.Exiting) return 0;
        address owner = e.owner;
        uint256 amountHigh = e.amountHigh;
        bytes32 outputKey = e.outputKey;
        // owner ‖ Exited and the output's EXITED mark are all that must outlive the exit; clearing the
        // rest earns a refund (the exit sits in `token`'s queue, so `token` is the record's token)
        e.state = ExitState.Exited;
        e.amountHigh = 0;
        if (token != address(0)) e.token = address(0);
        e.outputKey = 0;
        uint256 refund = exitBond - processBounty;
        (bool held, uint256 amountLow) = _exitHeldOutput(outputKey, _holder(EXIT_KIND_STANDARD, position));
        uint256 amount = (amountHigh << 128) | amountLow;
        if (!held) {
            // a canonical in-flight transaction spent the output meanwhile: the owner keeps the bond
            emit ExitOmitted(position, owner);
            _payout(owner, address(0), 0, refund);
            return processBounty;
        }
        emit ExitFinalized(position, owner, token, amount);
        // the refund is paid from the bonds held even when the vault cannot cover the amount
        _payout(owner, token, amount, refund);
        return processBounty;
    }

    /// @dev Checks that `txBytes` is in the committed block at `position` and returns the output and
    ///      when it may exit.
    function _verifyOutput(uint256 position, bytes calldata txBytes, bytes calldata proof, uint256 blockTimestamp)
        private
        view
        returns (Verified memory v)
    {
        (uint256 blkNum, uint256 txIndex, uint256 outputIndex) = Position.decode(position);
        bytes memory txMem = txBytes;
        PaymentTx.Transaction memory t = PaymentTx.decode(txMem);
        if (outputIndex >= t.outputs.length) revert NoSuchOutput(position);
        v.out = t.outputs[outputIndex];
        ExitAmount.check(v.out.amount);
        v.outputKey = OutputKey.compute(txMem, t.inputs.length != 0, position, outputIndex);
        _verifyInclusion(blkNum, Merkle.leaf(txMem), txIndex, proof, blockTimestamp);
        v.exitableAt = ExitTiming.exitableAt(blkNum, blockTimestamp, block.timestamp, minExitPeriod);
    }

    function _verifyInclusion(uint256 blkNum, bytes32 leafHash, uint256 txIndex, bytes calldata proof, uint256 ts)
        private
        view
    {
        bytes32 stored = blockCommitment(blkNum);
        if (stored == 0) revert UnknownBlock(blkNum);
        if (_commitment(Merkle.rootFromProof(leafHash, txIndex, proof), ts) != stored) {
            revert CommitmentMismatch(blkNum);
        }
    }

    function _requireNoExit(ExitState state, uint256 position) private pure {
        if (state == ExitState.Exiting) revert AlreadyExiting(position);
        if (state == ExitState.Exited) revert AlreadyExited(position);
        if (state == ExitState.Challenged) revert ExitWasChallenged(position);
    }
}
