// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ExitGameBase} from "./ExitGameBase.sol";
import {IPlasmaFramework} from "../interfaces/IPlasmaFramework.sol";
import {IExitGame} from "../interfaces/IExitGame.sol";
import {PaymentTx} from "../lib/PaymentTx.sol";
import {PaymentEip712} from "../lib/PaymentEip712.sol";
import {Position} from "../lib/Position.sol";
import {OutputKey} from "../lib/OutputKey.sol";
import {ExitTiming} from "../lib/ExitTiming.sol";
import {InFlightClaim} from "../lib/InFlightClaim.sol";

/// @title InFlightExitGame
/// @notice MoreVP in-flight exits (docs/protocol.md section 6): a payment transaction whose inclusion
///         cannot be shown (withheld block) or whose block is invalid exits either through its outputs,
///         if it is canonical, or through its inputs, if it is not. Owners opt in by piggybacking in
///         period 1; a canonicity game with the oldest known competitor decides which side is paid.
/// @dev Storage is what finalisation needs and no more: the exit's header (3 slots), owner/token/amount
///      and output key per input (3 slots, written at start, with 2 of the exit's 3), owner/token/amount per piggybacked output
///      (2 slots, written at piggyback from the transaction bytes the piggybacker passes in).
///      Settlement pushes tokens to payees with 300,000 gas, and a token may call its recipient (ERC-777
///      hooks): every entry point that changes an exit holds one transient lock, so no payee can challenge,
///      respond or piggyback while an exit of this game is being settled, and settlement closes each
///      piggyback before it pays it.
contract InFlightExitGame is ExitGameBase, IExitGame, ReentrancyGuardTransient {
    using InFlightClaim for InFlightClaim.Packed;

    /// @dev flags of `InFlightExit.flags`
    uint8 private constant NON_CANONICAL = 1; // a competitor is standing (no later response)
    uint8 private constant FINALIZED = 2; // the outcome is frozen (first token processed)
    uint8 private constant PAID_CANONICAL = 4; // frozen outcome: outputs are paid
    /// @dev `oldestCompetitorPosition` of a competitor that is not included: older than nothing
    uint64 private constant NOT_INCLUDED = type(uint64).max;
    uint256 private constant MAX_INPUTS = 4;

    /// @dev Three slots, of which a start writes two: the third changes only in the canonicity game.
    struct InFlightExit {
        // the 120-bit id alone could be collided by a birthday search, so the other 136 bits of the
        // transaction hash are kept too: id (the mapping key) and these bits make the full hash
        uint136 txHashHigh;
        uint64 youngestInputPosition;
        uint40 startedAt; // non-zero: the exit exists
        uint8 piggybacks; // bits 0-3 inputs, 4-7 outputs, ever piggybacked
        uint8 flags;
        address initiator;
        uint40 exitableAt;
        uint8 closed; // same bits as piggybacks: paid or challenged away
        address bondOwner; // zero until a challenge or a response: the initiator
        uint64 oldestCompetitorPosition; // 0 while no competitor was shown
    }

    /// @dev What `startInFlightExit` passes around, in memory to keep the stack shallow.
    struct StartArgs {
        bytes inFlightTx;
        bytes[] inputTxs;
        uint256[] inputPositions;
        bytes[] inputProofs;
        uint256[] inputTimestamps;
        bytes[] signatures;
    }

    /// @notice msg.value is not the required bond.
    error WrongBond(uint256 sent, uint256 required);
    /// @notice The process bounty exceeds the piggyback bond.
    error BountyExceedsBond();
    /// @notice The in-flight transaction is not a payment with at least one input.
    error NotInFlightPayment();
    /// @notice This transaction already has (or had) an in-flight exit; there is one per transaction ever.
    error InFlightExitExists(uint256 ifeId);
    /// @notice No in-flight exit was started for this transaction.
    error UnknownInFlightExit(uint256 ifeId);
    /// @notice The per-input arrays do not have one entry per input of the transaction.
    error InputCountMismatch();
    /// @notice `inputPositions[index]` is not the transaction's input `index`.
    error InputPositionMismatch(uint256 index);
    /// @notice The input transaction has no output at the input's output index.
    error NoSuchOutput(uint256 position);
    /// @notice The signature is valid but not by the expected owner.
    error SignerNotOwner(address signer, address owner);
    /// @notice The outputs of `token` exceed its inputs (or `token` is not among the inputs at all).
    error OutputsExceedInputs(address token);
    /// @notice The transaction has no input with this index.
    error NoSuchInput(uint8 inputIndex);
    /// @notice The transaction has no output with this index.
    error NoSuchInFlightOutput(uint8 outputIndex);
    /// @notice Only the owner of the input or output may piggyback on it.
    error NotOwner(address owner);
    /// @notice The input or output was already piggybacked.
    error AlreadyPiggybacked();
    /// @notice Piggybacks and canonicity challenges are only accepted in period 1 (the first MEP/2).
    error PeriodOneOver(uint256 endedAt);
    /// @notice The competitor or spender is the in-flight transaction itself.
    error SameTransaction();
    /// @notice The transaction does not spend the input or output in question.
    error NotSpending();
    /// @notice The competitor is not older than the oldest competitor (or response) already shown.
    error CompetitorNotOlder(uint256 position, uint256 oldest);
    /// @notice There is no standing canonicity challenge to respond to.
    error NotChallenged();
    /// @notice The in-flight transaction is not included before the oldest competitor.
    error ResponseNotOlder(uint256 position, uint256 oldest);
    /// @notice The outcome was frozen by processing; the canonicity game is over.
    error AlreadyFinalized();
    /// @notice The input or output is not (or no longer) piggybacked.
    error NotPiggybacked();

    /// @notice `inputSignatures[i]` is input i's owner's signature of `txBytes`: with them the log alone, however
    ///         the exit was started (directly or through another contract), lets anyone challenge any other
    ///         exit of an input (a standard exit, a mass-exit leaf) with this transaction.
    event InFlightExitStarted(
        uint256 indexed ifeId,
        address indexed initiator,
        bytes32 txHash,
        uint256 youngestInputPosition,
        uint256 exitableAt,
        bytes txBytes,
        bytes[] inputSignatures
    );
    event InFlightExitInputPiggybacked(uint256 indexed ifeId, address indexed owner, uint8 inputIndex);
    event InFlightExitOutputPiggybacked(uint256 indexed ifeId, address indexed owner, uint8 outputIndex);
    event InFlightExitChallenged(uint256 indexed ifeId, address indexed challenger, uint256 competitorPosition);
    event InFlightExitChallengeResponded(uint256 indexed ifeId, address indexed responder, uint256 position);
    event InFlightExitInputBlocked(uint256 indexed ifeId, address indexed challenger, uint8 inputIndex);
    event InFlightExitOutputBlocked(uint256 indexed ifeId, address indexed challenger, uint8 outputIndex);
    event InFlightExitOutputWithdrawn(
        uint256 indexed ifeId, address indexed owner, uint8 outputIndex, address token, uint256 amount
    );
    event InFlightExitInputWithdrawn(
        uint256 indexed ifeId, address indexed owner, uint8 inputIndex, address token, uint256 amount
    );
    event InFlightExitFinalized(uint256 indexed ifeId, address indexed token, bool canonical);

    /// @notice ETH bond to start an in-flight exit; paid at processing to the winner of the canonicity game.
    uint256 public immutable inFlightExitBond;
    /// @notice ETH bond per piggyback; paid to a challenger who shows the piggybacked input/output spent.
    uint256 public immutable piggybackBond;
    /// @notice Part of each processed piggyback's bond paid to whoever processes the exit.
    uint256 public immutable processBounty;

    uint256 private immutable _mep;

    mapping(uint256 ifeId => InFlightExit) private _exits;
    mapping(uint256 ifeId => InFlightClaim.Packed[4]) private _inputs;
    mapping(uint256 ifeId => bytes32[4]) private _inputKeys;
    mapping(uint256 ifeId => InFlightClaim.Packed[4]) private _outputs;

    constructor(IPlasmaFramework framework_, uint256 inFlightExitBond_, uint256 piggybackBond_, uint256 processBounty_)
        ExitGameBase(framework_)
    {
        if (processBounty_ > piggybackBond_) revert BountyExceedsBond();
        inFlightExitBond = inFlightExitBond_;
        piggybackBond = piggybackBond_;
        processBounty = processBounty_;
        _mep = framework_.minExitPeriod();
    }

    // ---------------------------------------------------------------- start

    /// @notice Starts the in-flight exit of `inFlightTx`, proving it exitable: every input is included,
    ///         every input owner signed the transaction, and no token's outputs exceed its inputs.
    function startInFlightExit(
        bytes calldata inFlightTx,
        bytes[] calldata inputTxs,
        uint256[] calldata inputPositions,
        bytes[] calldata inputProofs,
        uint256[] calldata inputTimestamps,
        bytes[] calldata signatures
    ) external payable nonReentrant {
        if (msg.value != inFlightExitBond) revert WrongBond(msg.value, inFlightExitBond);
        _start(StartArgs(inFlightTx, inputTxs, inputPositions, inputProofs, inputTimestamps, signatures));
        framework.depositBond{value: msg.value}();
    }

    function _start(StartArgs memory a) private {
        bytes32 txHash = keccak256(a.inFlightTx);
        uint256 ifeId = uint120(uint256(txHash));
        InFlightExit storage e = _exits[ifeId];
        if (e.startedAt != 0) revert InFlightExitExists(ifeId);
        PaymentTx.Transaction memory t = PaymentTx.decode(a.inFlightTx);
        if (t.txType != PaymentTx.TX_TYPE_PAYMENT || t.inputs.length == 0) revert NotInFlightPayment();
        _requireCounts(a, t.inputs.length);

        InFlightClaim.Claim[] memory ins = _proveInputs(a, t, ifeId);
        _requireBalanced(t, ins);
        (uint256 youngest, uint256 exitableAt) = _priority(a);

        e.txHashHigh = uint136(uint256(txHash) >> 120);
        e.initiator = msg.sender;
        e.startedAt = uint40(block.timestamp);
        e.exitableAt = uint40(exitableAt);
        e.youngestInputPosition = uint64(youngest);
        // the ETH queue holds every in-flight exit, piggybacked or not, so that processing always settles
        // its bond (to the initiator, or to whoever won the canonicity game); other tokens are queued by
        // their first piggyback
        framework.enqueueExit(address(0), exitableAt, youngest, ifeId);
        emit InFlightExitStarted(ifeId, msg.sender, txHash, youngest, exitableAt, a.inFlightTx, a.signatures);
    }

    function _requireCounts(StartArgs memory a, uint256 n) private pure {
        if (
            a.inputTxs.length != n || a.inputPositions.length != n || a.inputProofs.length != n
                || a.inputTimestamps.length != n || a.signatures.length != n
        ) revert InputCountMismatch();
    }

    /// @dev Proves every input and stores what finalisation needs of it.
    function _proveInputs(StartArgs memory a, PaymentTx.Transaction memory t, uint256 ifeId)
        private
        returns (InFlightClaim.Claim[] memory ins)
    {
        bytes32 structHash = PaymentEip712.hashTx(t);
        ins = new InFlightClaim.Claim[](t.inputs.length);
        InFlightClaim.Packed[4] storage stored = _inputs[ifeId];
        bytes32[4] storage keys = _inputKeys[ifeId];
        for (uint256 i = 0; i < ins.length; ++i) {
            if (a.inputPositions[i] != t.inputs[i]) revert InputPositionMismatch(i);
            bytes32 key;
            (ins[i], key) = _proveInput(a, i);
            address signer = _recover(structHash, a.signatures[i]);
            if (signer != ins[i].owner) revert SignerNotOwner(signer, ins[i].owner);
            stored[i].store(ins[i]);
            keys[i] = key;
        }
    }

    /// @dev The output input `i` spends, proven included in its block, and its output key.
    function _proveInput(StartArgs memory a, uint256 i) private view returns (InFlightClaim.Claim memory c, bytes32 key) {
        uint256 position = a.inputPositions[i];
        bytes memory inputTx = a.inputTxs[i];
        (uint256 blkNum, uint256 txIndex, uint256 outputIndex) = Position.decode(position);
        PaymentTx.Transaction memory it = PaymentTx.decode(inputTx);
        if (outputIndex >= it.outputs.length) revert NoSuchOutput(position);
        c = InFlightClaim.fromOutput(it.outputs[outputIndex]);
        key = OutputKey.compute(inputTx, it.inputs.length != 0, position, outputIndex);
        _requireIncluded(blkNum, inputTx, txIndex, a.inputProofs[i], a.inputTimestamps[i]);
    }

    /// @dev Per token, the outputs must not exceed the inputs; a token missing from the inputs has zero.
    ///      Inputs are below 2^192 each, so their sum cannot overflow; outputs are compared before adding.
    function _requireBalanced(PaymentTx.Transaction memory t, InFlightClaim.Claim[] memory ins) private pure {
        for (uint256 j = 0; j < t.outputs.length; ++j) {
            address token = t.outputs[j].token;
            uint256 available;
            for (uint256 k = 0; k < ins.length; ++k) {
                if (ins[k].token == token) available += ins[k].amount;
            }
            for (uint256 k = 0; k < t.outputs.length; ++k) {
                if (t.outputs[k].token != token) continue;
                if (t.outputs[k].amount > available) revert OutputsExceedInputs(token);
                available -= t.outputs[k].amount;
            }
        }
    }

    /// @dev Every input and output of an in-flight exit is queued at the youngest input's position and at
    ///      the latest of the inputs' exitable times (lib/ExitTiming.sol): an exit is never processable
    ///      before any of its inputs could be. The youngest input alone is not enough: a fresh deposit is
    ///      younger than an output of an invalid block, yet exitable sooner.
    function _priority(StartArgs memory a) private view returns (uint256 youngest, uint256 exitableAt) {
        for (uint256 i = 0; i < a.inputPositions.length; ++i) {
            uint256 position = a.inputPositions[i];
            if (position > youngest) youngest = position;
            uint256 at =
                ExitTiming.exitableAt(position / Position.BLOCK_OFFSET, a.inputTimestamps[i], block.timestamp, _mep);
            if (at > exitableAt) exitableAt = at;
        }
    }

    // ---------------------------------------------------------------- piggybacks

    /// @notice The owner of input `inputIndex` opts in to be paid if the transaction turns out non-canonical.
    function piggybackInFlightExitOnInput(bytes calldata inFlightTx, uint8 inputIndex) external payable nonReentrant {
        (uint256 ifeId, InFlightExit storage e) = _openForPiggyback(inFlightTx);
        if (inputIndex >= MAX_INPUTS) revert NoSuchInput(inputIndex);
        InFlightClaim.Packed storage c = _inputs[ifeId][inputIndex];
        address owner = c.owner;
        if (owner == address(0)) revert NoSuchInput(inputIndex);
        _piggyback(ifeId, e, owner, c.token, uint8(1) << inputIndex);
        _reserve(_inputKeys[ifeId][inputIndex], ifeId);
        emit InFlightExitInputPiggybacked(ifeId, msg.sender, inputIndex);
    }

    /// @notice The owner of output `outputIndex` opts in to be paid if the transaction is canonical.
    function piggybackInFlightExitOnOutput(bytes calldata inFlightTx, uint8 outputIndex) external payable nonReentrant {
        (uint256 ifeId, InFlightExit storage e) = _openForPiggyback(inFlightTx);
        PaymentTx.Transaction memory t = PaymentTx.decode(inFlightTx);
        if (outputIndex >= t.outputs.length) revert NoSuchInFlightOutput(outputIndex);
        InFlightClaim.Claim memory c = InFlightClaim.fromOutput(t.outputs[outputIndex]);
        _piggyback(ifeId, e, c.owner, c.token, uint8(16) << outputIndex);
        _reserve(_outputKey(inFlightTx, outputIndex), ifeId);
        _outputs[ifeId][outputIndex].store(c);
        emit InFlightExitOutputPiggybacked(ifeId, msg.sender, outputIndex);
    }

    /// @dev A piggyback is the owner's exit of that input or output: it holds the output key until it is
    ///      paid, challenged or settled on the side that is not paid (lib/OutputKey.sol).
    function _reserve(bytes32 outputKey, uint256 ifeId) private {
        bytes32[] memory keys = new bytes32[](1);
        keys[0] = outputKey;
        framework.reserveOutputs(keys, ifeId);
    }

    /// @dev The key of output `outputIndex` of the in-flight transaction, the same a standard or mass exit
    ///      of it, once included, uses.
    function _outputKey(bytes calldata inFlightTx, uint256 outputIndex) private pure returns (bytes32) {
        return keccak256(abi.encode(keccak256(inFlightTx), outputIndex));
    }

    function _openForPiggyback(bytes calldata inFlightTx) private returns (uint256 ifeId, InFlightExit storage e) {
        if (msg.value != piggybackBond) revert WrongBond(msg.value, piggybackBond);
        (ifeId, e) = _load(inFlightTx);
        _requirePeriodOne(e);
    }

    /// @dev Records the piggyback bit and queues the exit in `token`'s queue at the token's first piggyback
    ///      (the ETH entry exists from the start).
    function _piggyback(uint256 ifeId, InFlightExit storage e, address owner, address token, uint8 bit) private {
        if (owner != msg.sender) revert NotOwner(owner);
        uint8 piggybacks = e.piggybacks;
        if (piggybacks & bit != 0) revert AlreadyPiggybacked();
        if (token != address(0) && !_tokenQueued(ifeId, piggybacks, token)) {
            framework.enqueueExit(token, e.exitableAt, e.youngestInputPosition, ifeId);
        }
        e.piggybacks = piggybacks | bit;
        framework.depositBond{value: msg.value}();
    }

    /// @dev True if an earlier piggyback (even one challenged since) already queued this token.
    function _tokenQueued(uint256 ifeId, uint8 piggybacks, address token) private view returns (bool) {
        for (uint256 i = 0; i < MAX_INPUTS; ++i) {
            if ((piggybacks >> i) & 1 == 1 && _inputs[ifeId][i].token == token) return true;
            if ((piggybacks >> (i + 4)) & 1 == 1 && _outputs[ifeId][i].token == token) return true;
        }
        return false;
    }

    // ---------------------------------------------------------------- canonicity game

    /// @notice Shows a competitor: another transaction, signed by the owner of a shared input. The
    ///         in-flight transaction becomes non-canonical unless someone responds with an earlier
    ///         inclusion. Period 1 only; each competitor must be older than the last one shown.
    function challengeInFlightExitNotCanonical(
        bytes calldata inFlightTx,
        uint8 inputIndex,
        bytes calldata competingTx,
        uint8 competingInputIndex,
        uint256 competingTxPosition,
        bytes calldata competingTxProof,
        uint256 competingTxTimestamp,
        bytes calldata competingTxSignature
    ) external nonReentrant {
        (uint256 ifeId, InFlightExit storage e) = _load(inFlightTx);
        _requireCommitment(keccak256(abi.encode(msg.sender, ifeId, keccak256(competingTx))));
        _requirePeriodOne(e);
        _requireCompetitor(ifeId, inFlightTx, inputIndex, competingTx, competingInputIndex, competingTxSignature);
        uint256 position = competingTxPosition == 0
            ? NOT_INCLUDED
            : _proveTxIncluded(competingTx, competingTxPosition, competingTxProof, competingTxTimestamp);
        uint256 oldest = e.oldestCompetitorPosition;
        if (oldest != 0 && position >= oldest) revert CompetitorNotOlder(position, oldest);
        e.oldestCompetitorPosition = uint64(position);
        e.flags |= NON_CANONICAL;
        e.bondOwner = msg.sender;
        emit InFlightExitChallenged(ifeId, msg.sender, position);
    }

    /// @dev A competitor is another transaction spending input `inputIndex`, signed by that input's owner.
    function _requireCompetitor(
        uint256 ifeId,
        bytes calldata inFlightTx,
        uint8 inputIndex,
        bytes calldata competingTx,
        uint8 competingInputIndex,
        bytes calldata signature
    ) private view {
        if (keccak256(competingTx) == keccak256(inFlightTx)) revert SameTransaction();
        (uint256 spent, address owner) = _spentInput(ifeId, inFlightTx, inputIndex);
        _requireSpentBy(competingTx, competingInputIndex, signature, spent, owner);
    }

    /// @notice Answers a canonicity challenge: the in-flight transaction is included before the oldest
    ///         competitor, so it is canonical after all. Any time before processing freezes the outcome.
    function respondToNonCanonicalChallenge(
        bytes calldata inFlightTx,
        uint256 inFlightTxPosition,
        bytes calldata inFlightTxProof,
        uint256 inFlightTxTimestamp
    ) external nonReentrant {
        (uint256 ifeId, InFlightExit storage e) = _load(inFlightTx);
        _requireCommitment(keccak256(abi.encode(msg.sender, ifeId, bytes32(inFlightTxPosition))));
        uint8 flags = e.flags;
        if (flags & FINALIZED != 0) revert AlreadyFinalized();
        if (flags & NON_CANONICAL == 0) revert NotChallenged();
        uint256 position = _proveTxIncluded(inFlightTx, inFlightTxPosition, inFlightTxProof, inFlightTxTimestamp);
        uint256 oldest = e.oldestCompetitorPosition;
        if (position >= oldest) revert ResponseNotOlder(position, oldest);
        e.oldestCompetitorPosition = uint64(position);
        e.flags = flags & ~NON_CANONICAL;
        e.bondOwner = msg.sender;
        emit InFlightExitChallengeResponded(ifeId, msg.sender, position);
    }

    // ---------------------------------------------------------------- piggyback challenges

    /// @notice Shows a piggybacked input spent by another transaction its owner signed; the input is not
    ///         paid and its piggyback bond goes to the caller.
    function challengeInFlightExitInputSpent(
        bytes calldata inFlightTx,
        uint8 inputIndex,
        bytes calldata spendingTx,
        uint8 spendingTxInputIndex,
        bytes calldata spendingTxSignature
    ) external nonReentrant {
        (uint256 ifeId, InFlightExit storage e) = _load(inFlightTx);
        _requireCommitment(keccak256(abi.encode(msg.sender, ifeId, keccak256(spendingTx))));
        uint8 bit = _requireStanding(e, inputIndex, 0);
        _requireCompetitor(ifeId, inFlightTx, inputIndex, spendingTx, spendingTxInputIndex, spendingTxSignature);
        framework.releaseOutput(_inputKeys[ifeId][inputIndex], ifeId);
        _takePiggybackBond(e, bit);
        emit InFlightExitInputBlocked(ifeId, msg.sender, inputIndex);
    }

    /// @notice Shows a piggybacked output spent: the in-flight transaction is included at
    ///         `inFlightTxPosition` and `spendingTx`, signed by the output's owner, spends that output.
    function challengeInFlightExitOutputSpent(
        bytes calldata inFlightTx,
        uint8 outputIndex,
        uint256 inFlightTxPosition,
        bytes calldata inFlightTxProof,
        uint256 inFlightTxTimestamp,
        bytes calldata spendingTx,
        uint8 spendingTxInputIndex,
        bytes calldata spendingTxSignature
    ) external nonReentrant {
        (uint256 ifeId, uint256 spent) =
            _includedOutput(inFlightTx, outputIndex, inFlightTxPosition, inFlightTxProof, inFlightTxTimestamp);
        _requireCommitment(keccak256(abi.encode(msg.sender, ifeId, keccak256(spendingTx))));
        address owner = _outputs[ifeId][outputIndex].owner;
        _requireSpentBy(spendingTx, spendingTxInputIndex, spendingTxSignature, spent, owner);
        _releaseOutput(ifeId, outputIndex);
        _takePiggybackBond(_exits[ifeId], uint8(16) << outputIndex);
        emit InFlightExitOutputBlocked(ifeId, msg.sender, outputIndex);
    }

    /// @dev Frees output `outputIndex`'s key, which its piggyback held (full hash from the stored bits).
    function _releaseOutput(uint256 ifeId, uint8 outputIndex) private {
        bytes32 txHash = bytes32((uint256(_exits[ifeId].txHashHigh) << 120) | ifeId);
        framework.releaseOutput(keccak256(abi.encode(txHash, uint256(outputIndex))), ifeId);
    }

    /// @dev A successful piggyback challenge removes the piggyback and pays its bond to the challenger.
    function _takePiggybackBond(InFlightExit storage e, uint8 bit) private {
        e.closed |= bit;
        framework.payout(msg.sender, address(0), 0, piggybackBond);
    }

    /// @dev A standing output piggyback of an included in-flight transaction, and the output's position.
    function _includedOutput(
        bytes calldata inFlightTx,
        uint8 outputIndex,
        uint256 txPosition,
        bytes calldata proof,
        uint256 timestamp
    ) private view returns (uint256 ifeId, uint256 outputPosition) {
        InFlightExit storage e;
        (ifeId, e) = _load(inFlightTx);
        _requireStanding(e, outputIndex, 4);
        outputPosition = _proveTxIncluded(inFlightTx, txPosition, proof, timestamp) + outputIndex;
    }

    // ---------------------------------------------------------------- processing

    /// @inheritdoc IExitGame
    /// @dev Never reverts for an exit this game queued: every call it makes to the framework is one that
    ///      cannot revert, and every loop is bounded by four inputs and four outputs.
    function finalizeExit(address token, uint256, uint256 ifeId)
        external
        onlyFramework
        nonReentrant
        returns (uint256 bounty)
    {
        InFlightExit storage e = _exits[ifeId];
        uint8 flags = e.flags;
        if (flags & FINALIZED == 0) flags = _freezeOutcome(ifeId, e, flags);
        bool canonical = flags & PAID_CANONICAL != 0;
        uint256 processed = _processPiggybacks(ifeId, e, token, canonical);
        emit InFlightExitFinalized(ifeId, token, canonical);
        return processBounty * processed;
    }

    /// @dev The first token processed decides once: canonical unless a competitor stands or an input was
    ///      already paid by another exit. Canonical exits mark every input spent (by this transaction).
    function _freezeOutcome(uint256 ifeId, InFlightExit storage e, uint8 flags) private returns (uint8) {
        bytes32[4] storage keys = _inputKeys[ifeId];
        bool canonical = flags & NON_CANONICAL == 0;
        for (uint256 i = 0; canonical && i < MAX_INPUTS; ++i) {
            bytes32 key = keys[i];
            if (key == 0) break;
            if (framework.isOutputExited(key)) canonical = false;
        }
        if (canonical) {
            // an exit that held an input loses its amount: a batch holding it must not take it from the vault
            for (uint256 i = 0; i < MAX_INPUTS; ++i) {
                bytes32 key = keys[i];
                if (key == 0) break;
                framework.flagOutputExited(key, _inputs[ifeId][i].load().amount);
            }
            flags |= PAID_CANONICAL;
        }
        flags |= FINALIZED;
        e.flags = flags;
        address bondOwner = e.bondOwner;
        framework.payout(bondOwner == address(0) ? e.initiator : bondOwner, address(0), 0, inFlightExitBond);
        return flags;
    }

    /// @dev Settles every standing piggyback of `token`. The winning side (outputs if canonical, else
    ///      inputs) is paid its amount and the bond less the process bounty, which it earns the processor;
    ///      a piggyback on the losing side is no fault (an honest owner may hedge) and gets its whole bond.
    ///      Each piggyback is closed before it is paid (`_close`): a payout hands control to its payee, and
    ///      what stands is read again for every piggyback, never from a copy taken before an earlier payout.
    function _processPiggybacks(uint256 ifeId, InFlightExit storage e, address token, bool canonical)
        private
        returns (uint256 processed)
    {
        // piggybacks only accrue in period 1, long over at processing: bits outside this set never stand
        uint8 candidates = e.piggybacks & ~e.closed;
        if (candidates == 0) return 0;
        bytes32 txHash = bytes32((uint256(e.txHashHigh) << 120) | ifeId);
        for (uint8 i = 0; i < MAX_INPUTS; ++i) {
            uint8 bit = uint8(1) << i;
            // only the winning side's piggybacks earn the bounty
            if (candidates & bit != 0 && _settleInput(ifeId, e, bit, i, token, !canonical) && !canonical) {
                ++processed;
            }
            bit = uint8(16) << i;
            if (candidates & bit != 0 && _settleOutput(ifeId, e, txHash, bit, i, token, canonical) && canonical) {
                ++processed;
            }
        }
    }

    /// @dev Closes piggyback `bit` if it still stands, reading `closed` afresh: a challenge may have closed it
    ///      since settlement began. True if this call closed it, so that it alone pays it.
    function _close(InFlightExit storage e, uint8 bit) private returns (bool) {
        uint8 closed = e.closed;
        if (closed & bit != 0) return false;
        e.closed = closed | bit;
        return true;
    }

    function _settleInput(uint256 ifeId, InFlightExit storage e, uint8 bit, uint8 i, address token, bool won)
        private
        returns (bool)
    {
        InFlightClaim.Claim memory c = _inputs[ifeId][i].load();
        if (c.token != token || !_close(e, bit)) return false;
        uint256 amount;
        // a losing input was spent by the canonical transaction (marked exited at freeze): nothing to free
        if (won && framework.exitOutput(_inputKeys[ifeId][i], ifeId)) {
            amount = c.amount;
            emit InFlightExitInputWithdrawn(ifeId, c.owner, i, token, amount);
        }
        _pay(c.owner, token, amount, won);
        return true;
    }

    function _settleOutput(
        uint256 ifeId,
        InFlightExit storage e,
        bytes32 txHash,
        uint8 bit,
        uint8 i,
        address token,
        bool won
    ) private returns (bool) {
        InFlightClaim.Claim memory c = _outputs[ifeId][i].load();
        if (c.token != token || !_close(e, bit)) return false;
        uint256 amount;
        // the same key a standard exit of the included output uses (lib/OutputKey.sol)
        bytes32 key = keccak256(abi.encode(txHash, uint256(i)));
        if (won && framework.exitOutput(key, ifeId)) {
            amount = c.amount;
            emit InFlightExitOutputWithdrawn(ifeId, c.owner, i, token, amount);
        } else if (!won) {
            framework.releaseOutput(key, ifeId);
        }
        _pay(c.owner, token, amount, won);
        return true;
    }

    /// @dev Pays `amount` of `token` and the bond (less the bounty if `won`), in one push when both are ETH.
    function _pay(address owner, address token, uint256 amount, bool won) private {
        framework.payout(owner, token, amount, won ? piggybackBond - processBounty : piggybackBond);
    }

    // ---------------------------------------------------------------- views

    /// @notice The exit's record; piggyback bitmaps hold only standing piggybacks (not paid, not challenged).
    function inFlightExits(uint256 ifeId)
        external
        view
        returns (
            address initiator,
            address bondOwner,
            uint256 startedAt,
            uint256 exitableAt,
            uint256 youngestInputPosition,
            uint256 oldestCompetitorPosition,
            bool isCanonical,
            uint8 piggybackedInputs,
            uint8 piggybackedOutputs,
            bool finalized
        )
    {
        InFlightExit storage e = _exits[ifeId];
        initiator = e.initiator;
        bondOwner = e.bondOwner == address(0) ? initiator : e.bondOwner;
        startedAt = e.startedAt;
        exitableAt = e.exitableAt;
        youngestInputPosition = e.youngestInputPosition;
        oldestCompetitorPosition = e.oldestCompetitorPosition;
        uint8 flags = e.flags;
        isCanonical = flags & FINALIZED != 0 ? flags & PAID_CANONICAL != 0 : flags & NON_CANONICAL == 0;
        uint8 standing = e.piggybacks & ~e.closed;
        piggybackedInputs = standing & 0x0f;
        piggybackedOutputs = standing >> 4;
        finalized = flags & FINALIZED != 0;
    }

    /// @notice The id of the in-flight exit of `inFlightTx`.
    function ifeIdOf(bytes calldata inFlightTx) external pure returns (uint256) {
        return uint120(uint256(keccak256(inFlightTx)));
    }

    // ---------------------------------------------------------------- helpers

    /// @dev The exit of `inFlightTx`, checked against the full transaction hash.
    function _load(bytes calldata inFlightTx) private view returns (uint256 ifeId, InFlightExit storage e) {
        bytes32 txHash = keccak256(inFlightTx);
        ifeId = uint120(uint256(txHash));
        e = _exits[ifeId];
        if (e.startedAt == 0 || e.txHashHigh != uint136(uint256(txHash) >> 120)) revert UnknownInFlightExit(ifeId);
    }

    function _requirePeriodOne(InFlightExit storage e) private view {
        uint256 end = uint256(e.startedAt) + _mep / 2;
        if (block.timestamp >= end) revert PeriodOneOver(end);
    }

    /// @dev The piggyback bit of input (`shift` 0) or output (`shift` 4) `index`, which must be standing.
    function _requireStanding(InFlightExit storage e, uint8 index, uint8 shift) private view returns (uint8 bit) {
        if (index >= MAX_INPUTS) revert NotPiggybacked();
        bit = uint8(1) << (index + shift);
        if (e.piggybacks & bit == 0 || e.closed & bit != 0) revert NotPiggybacked();
    }

    /// @dev Position and owner of input `inputIndex` of the (started, hence valid) in-flight transaction.
    function _spentInput(uint256 ifeId, bytes calldata inFlightTx, uint8 inputIndex)
        private
        view
        returns (uint256 position, address owner)
    {
        uint256[] memory inputs = PaymentTx.decode(inFlightTx).inputs;
        if (inputIndex >= inputs.length) revert NoSuchInput(inputIndex);
        return (inputs[inputIndex], _inputs[ifeId][inputIndex].owner);
    }

    /// @dev Reverts unless input `inputIndex` of `spender` is `spent` and `owner` signed `spender`.
    function _requireSpentBy(
        bytes calldata spender,
        uint8 inputIndex,
        bytes calldata signature,
        uint256 spent,
        address owner
    ) private view {
        PaymentTx.Transaction memory t = PaymentTx.decode(spender);
        if (inputIndex >= t.inputs.length || t.inputs[inputIndex] != spent) revert NotSpending();
        address signer = _signerOf(t, signature);
        if (signer != owner) revert SignerNotOwner(signer, owner);
    }

    /// @dev Proves `txBytes` included at the transaction of `position`; returns that transaction's
    ///      position (output index 0), which orders transactions by inclusion.
    function _proveTxIncluded(bytes calldata txBytes, uint256 position, bytes calldata proof, uint256 timestamp)
        private
        view
        returns (uint256)
    {
        (uint256 blkNum, uint256 txIndex,) = Position.decode(position);
        _requireIncluded(blkNum, txBytes, txIndex, proof, timestamp);
        return blkNum * Position.BLOCK_OFFSET + txIndex * Position.TX_OFFSET;
    }
}
