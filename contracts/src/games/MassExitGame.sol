// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ExitGameBase} from "./ExitGameBase.sol";
import {IPlasmaFramework} from "../interfaces/IPlasmaFramework.sol";
import {IExitGame} from "../interfaces/IExitGame.sol";
import {Merkle} from "../lib/Merkle.sol";
import {BatchProof} from "../lib/BatchProof.sol";
import {PaymentTx} from "../lib/PaymentTx.sol";
import {PaymentOutputReader} from "../lib/PaymentOutputReader.sol";
import {Position} from "../lib/Position.sol";
import {OutputKey} from "../lib/OutputKey.sol";
import {ExitTiming} from "../lib/ExitTiming.sol";
import {ExitAmount} from "../lib/ExitAmount.sol";
import {BoundedPush} from "../lib/BoundedPush.sol";

/// @title MassExitGame
/// @notice One root-chain transaction starts the exits of many outputs of one token (docs/protocol.md
///         section 7): of the caller, or of owners who signed a `MassExitConsent` naming the caller. Only a
///         hash of the batch's leaves is stored and the batch takes one queue entry; every output is
///         reserved in the framework, so it is in no other open exit. Each leaf stays challengeable on its
///         own: a spent output loses its amount and bond while the batch's other leaves are paid in full.
///         A processed batch pays its leaves only from its own escrow: what actually arrived from the vault.
contract MassExitGame is ExitGameBase, IExitGame, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    enum State {
        None,
        Pending,
        Finalized,
        Withdrawn
    }

    /// @notice One output to exit. `proof` is compressed (lib/CompressedProof.sol) and, after an output of the
    ///         same block, chained to the item before it (lib/BatchProof.sol); `signature` is empty
    ///         when the caller owns the output, else the owner's EIP-712 `MassExitConsent(position,
    ///         initiator = caller, deadline = consentDeadline, maxBlock = consentMaxBlock)`.
    struct MassExitItem {
        uint256 position;
        bytes txBytes;
        bytes proof;
        uint256 blockTimestamp;
        uint256 consentDeadline;
        uint256 consentMaxBlock;
        bytes signature;
    }

    /// @notice What the batch stores (hashed) and pays per output.
    struct MassExitLeaf {
        uint256 position;
        bytes32 outputKey;
        address owner;
        uint256 amount;
    }

    /// @dev Four slots written per batch (the challenged bitmap starts empty). `remaining` is the sum of
    ///      the leaves not challenged away while pending and the batch's escrow once processed (written only
    ///      when less arrived, or outputs were taken by canonical in-flight spends); `escrowCredited` while the
    ///      framework still holds that escrow for the game.
    struct MassExit {
        bytes32 leavesHash;
        address initiator;
        uint64 exitableAt;
        uint16 count;
        uint16 challenged;
        State state;
        address token;
        bool escrowCredited;
        uint256 remaining;
        uint256 challengedBitmap;
    }

    /// @dev Running state of `startMassExit` over its items (a memory struct keeps the stack shallow).
    struct Cursor {
        address token;
        bytes32 domainSeparator;
        bytes zeros;
        uint256 lastPosition;
        uint256 blkNum;
        bytes32 blockCommitment;
        // the proven path of the previous item's leaf in block blkNum (lib/BatchProof.sol)
        bytes path;
        bool chained;
        uint256 prevIndex;
        uint256 nextBlkNum;
        uint256 blockTimestamp;
        uint256 exitableAt;
        uint256 total;
        bytes32[] keys;
        // the tightest consent bound seen so far, and the consented position that set it
        uint256 maxBlock;
        uint256 boundPosition;
    }

    /// @notice A batch has 1 to 256 outputs.
    error BadItemCount(uint256 count);
    /// @notice msg.value is not `bondPerOutput` × number of outputs.
    error WrongBond(uint256 sent, uint256 required);
    /// @notice Positions must be strictly increasing (which also rules out duplicates).
    error PositionsNotIncreasing(uint256 position);
    /// @notice The output index is beyond the transaction's outputs.
    error NoSuchOutput(uint256 position);
    /// @notice The output is not of the batch's token.
    error WrongToken(uint256 position, address token);
    /// @notice No consent signature was given and the caller does not own the output.
    error NotOutputOwner(uint256 position, address owner);
    /// @notice The consent signature does not recover to the output's owner for this position, this
    ///         caller and this deadline (a consent names the one initiator who may use it).
    error ConsentNotByOwner(uint256 position, address signer);
    /// @notice The consent's deadline has passed.
    error ConsentExpired(uint256 position, uint256 deadline);
    /// @notice The consent for `position` lets its output share a batch only with outputs of blocks up to
    ///         `maxBlock`, and the batch holds an output at `youngestPosition`, of a later block.
    error BatchYoungerThanConsent(uint256 position, uint256 maxBlock, uint256 youngestPosition);
    /// @notice A consent bounds the batch to blocks up to its `maxBlock`, and child block `blkNum` (the first
    ///         after it) exists: the root and timestamp passed for it do not match its commitment.
    error NextBlockMismatch(uint256 blkNum);
    /// @notice The batch holds the output at `position` by a consent that vouches for the blocks before child
    ///         block `blkNum`, and it starts after `latestStart` (one exit period after that block): it would
    ///         be queued behind an exit of a forgery in that block, which could drain the vault first.
    error ConsentedStartTooLate(uint256 position, uint256 blkNum, uint256 latestStart);
    /// @notice The amounts of the batch's outputs add up to more than 2^256 − 1.
    error BatchAmountOverflow();
    /// @notice The process bounty exceeds the bond.
    error BountyExceedsBond();
    /// @notice The batch is not waiting for processing.
    error MassExitNotPending(uint256 batchId);
    /// @notice The batch was not processed yet, or was already withdrawn.
    error MassExitNotFinalized(uint256 batchId);
    /// @notice The leaves do not hash to what the batch stored.
    error LeavesMismatch(uint256 batchId);
    /// @notice The leaf index is beyond the batch.
    error NoSuchLeaf(uint256 leafIndex);
    /// @notice The leaf was already shown spent.
    error LeafAlreadyChallenged(uint256 batchId, uint256 leafIndex);
    /// @notice Input `inputIndex` of the spending transaction is not the leaf's output.
    error NotSpendingOutput();
    /// @notice The spending transaction's signature is not by the leaf's owner.
    error SignerNotOwner(address signer);
    /// @notice Nothing is withdrawable for this caller and token.
    error NothingToWithdraw();
    /// @notice Sending ETH to the caller in withdraw failed.
    error EthTransferFailed();
    /// @notice ETH may only come from the framework (a processed batch's amount).
    error UnexpectedEth();

    event MassExitStarted(
        uint256 indexed batchId,
        address indexed initiator,
        address indexed token,
        uint256 exitableAt,
        uint256 youngestPosition,
        MassExitLeaf[] leaves
    );
    event MassExitOutputChallenged(
        uint256 indexed batchId, address indexed challenger, uint256 leafIndex, uint256 position
    );
    event MassExitFinalized(uint256 indexed batchId, address indexed token);
    /// @notice Less than the batch's amount arrived when it was processed (the vault was short, or the token
    ///         takes a fee): its leaves share `escrow` (docs/protocol.md 7.4).
    event MassExitEscrowShort(uint256 indexed batchId, uint256 expected, uint256 escrow);
    /// @notice The vault's push of the batch's amount failed and was credited to this game at the
    ///         framework; withdrawMassExit pulls it into the batch's escrow once the token moves again.
    event MassExitEscrowCredited(uint256 indexed batchId, uint256 amount);
    event MassExitOutputPaid(uint256 indexed batchId, address indexed owner, uint256 position, uint256 amount);
    /// @notice A push payment failed and was credited to `withdrawable(owner, token)`.
    event PayoutFailed(address indexed owner, address indexed token, uint256 amount);
    /// @notice A withdrawable balance was pulled.
    event Withdrawn(address indexed owner, address indexed token, uint256 amount);

    uint256 public constant MAX_ITEMS = 256;
    bytes32 public constant CONSENT_TYPEHASH =
        keccak256("MassExitConsent(uint256 position,address initiator,uint256 deadline,uint256 maxBlock)");
    /// @dev Same push gas as the vault's payouts: a receiver cannot grief whoever withdraws the batch.
    uint256 private constant ETH_PUSH_GAS = 2300;
    uint256 private constant TOKEN_PUSH_GAS = 300_000;

    /// @notice ETH bond per output; (bond − bounty) returns to the initiator for every unchallenged leaf.
    uint256 public immutable bondPerOutput;
    /// @notice Paid (through the framework) to the processor per unchallenged leaf.
    uint256 public immutable bountyPerOutput;
    uint256 private immutable _minExitPeriod;
    /// @dev The framework's EIP-712 domain, cached: a consent check per output would otherwise cost a call.
    bytes32 private immutable _cachedDomainSeparator;
    uint256 private immutable _cachedChainId;

    uint256 private _lastBatchId;
    mapping(uint256 batchId => MassExit) private _batches;

    /// @notice Payouts whose push failed, pulled with `withdraw(token)`.
    mapping(address owner => mapping(address token => uint256 amount)) public withdrawable;

    constructor(IPlasmaFramework framework_, uint256 bondPerOutput_, uint256 bountyPerOutput_)
        ExitGameBase(framework_)
    {
        if (bountyPerOutput_ > bondPerOutput_) revert BountyExceedsBond();
        bondPerOutput = bondPerOutput_;
        bountyPerOutput = bountyPerOutput_;
        _minExitPeriod = framework_.minExitPeriod();
        _cachedDomainSeparator = framework_.domainSeparator();
        _cachedChainId = block.chainid;
    }

    /// @notice Only the framework sends ETH here: a processed batch's amount, paid out by withdrawMassExit.
    receive() external payable {
        if (msg.sender != address(framework)) revert UnexpectedEth();
    }

    // ------------------------------------------------------------------ start

    /// @notice Starts the exits of `items` (all of `token`) as one batch with one queue entry.
    /// @param nextRoot With consents: the root of the first child block after the tightest consent's
    ///        `maxBlock`, if that block exists (else ignored, as it is for a batch without consents).
    /// @param nextTimestamp That block's timestamp.
    /// @return batchId The batch's id (counter from 1), also its queue entry's id.
    function startMassExit(address token, MassExitItem[] calldata items, bytes32 nextRoot, uint256 nextTimestamp)
        external
        payable
        returns (uint256 batchId)
    {
        uint256 n = items.length;
        if (n == 0 || n > MAX_ITEMS) revert BadItemCount(n);
        if (msg.value != n * bondPerOutput) revert WrongBond(msg.value, n * bondPerOutput);
        // the leaves are written straight into their encoding: the event's data, the stored hash's preimage
        bytes memory startedData = _allocateStarted(n);
        Cursor memory c = _cursor(token, n);
        // i < n <= MAX_ITEMS: the index arithmetic cannot overflow
        for (uint256 i = 0; i < n; i = _inc(i)) {
            c.nextBlkNum = _inc(i) < n ? _positionAt(items, _inc(i)) / Position.BLOCK_OFFSET : 0;
            _setKey(c.keys, i, _verifyItemInScratch(c, items[i], _leafAt(startedData, i)));
        }
        // every consenting owner vouched for the blocks up to its maxBlock: an output of a later block (an
        // invalid block's forgery) would share the batch's escrow and priority with it
        if (c.lastPosition / Position.BLOCK_OFFSET > c.maxBlock) {
            revert BatchYoungerThanConsent(c.boundPosition, c.maxBlock, c.lastPosition);
        }
        if (c.maxBlock != type(uint256).max) _requireTimelyStart(c, nextRoot, nextTimestamp);
        batchId = ++_lastBatchId;
        // every output is now this batch's alone: no other batch, standard exit or piggyback can take it
        // (nor this batch's escrow be drawn for an output another exit pays) until it is challenged or paid
        framework.reserveOutputs(c.keys, batchId);
        _setStartedHead(startedData, c.exitableAt, c.lastPosition);
        _record(_batches[batchId], c, _leavesHashIn(startedData), n);
        framework.depositBond{value: msg.value}();
        // the batch is as young as its youngest output: it never gains priority any of its outputs lacks
        framework.enqueueExit(token, c.exitableAt, c.lastPosition, batchId);
        _emitStarted(startedData, batchId, token);
    }

    /// @dev keccak256(abi.encode(leaves)) from `abi.encode(exitableAt, youngestPosition, leaves)`: past the two
    ///      head words it is the same bytes but for the array's offset word (0x60 there, 0x20 here).
    function _leavesHashIn(bytes memory startedData) private pure returns (bytes32 h) {
        assembly ("memory-safe") {
            let p := add(startedData, 0x60)
            mstore(p, 0x20)
            h := keccak256(p, sub(mload(startedData), 0x40))
            mstore(p, 0x60)
        }
    }

    /// @dev `emit MassExitStarted(batchId, msg.sender, token, exitableAt, youngestPosition, leaves)` with
    ///      the data already encoded.
    function _emitStarted(bytes memory startedData, uint256 batchId, address token) private {
        bytes32 topic = MassExitStarted.selector;
        assembly ("memory-safe") {
            log4(add(startedData, 0x20), mload(startedData), topic, batchId, caller(), token)
        }
    }

    /// @dev The position of item `i` (< items.length), read without the checks of a full element access. It
    ///      only says whether the next item shares this one's block, i.e. whether to keep this leaf's proven
    ///      path: a wrong answer costs gas, never soundness (a path not kept is never used).
    function _positionAt(MassExitItem[] calldata items, uint256 i) private pure returns (uint256 position) {
        assembly ("memory-safe") {
            position := calldataload(add(items.offset, calldataload(add(items.offset, shl(5, i)))))
        }
    }

    function _inc(uint256 i) private pure returns (uint256) {
        unchecked {
            return i + 1;
        }
    }

    /// @dev `abi.encode(exitableAt, youngestPosition, leaves)` for `n` leaves, allocated before the items'
    ///      scratch memory (see _verifyItemInScratch) and not zeroed: the array's offset and length are set
    ///      here, every leaf's four words by its item (`_leafAt`) and the two head words by `_setStartedHead`,
    ///      before anything reads it.
    function _allocateStarted(uint256 n) private pure returns (bytes memory startedData) {
        assembly ("memory-safe") {
            startedData := mload(0x40)
            let len := add(0x80, shl(7, n))
            mstore(startedData, len)
            mstore(add(startedData, 0x60), 0x60)
            mstore(add(startedData, 0x80), n)
            mstore(0x40, add(add(startedData, 0x20), len))
        }
    }

    /// @dev Where leaf `i` of `startedData` is encoded: four words, a `MassExitLeaf`'s fields in order.
    function _leafAt(bytes memory startedData, uint256 i) private pure returns (uint256 leafPtr) {
        assembly ("memory-safe") {
            leafPtr := add(add(startedData, 0xa0), shl(7, i))
        }
    }

    function _setStartedHead(bytes memory startedData, uint256 exitableAt, uint256 youngestPosition) private pure {
        assembly ("memory-safe") {
            mstore(add(startedData, 0x20), exitableAt)
            mstore(add(startedData, 0x40), youngestPosition)
        }
    }

    /// @dev `keys[i] = key` for `i < keys.length` (the loop's index over a batch its size).
    function _setKey(bytes32[] memory keys, uint256 i, bytes32 key) private pure {
        assembly ("memory-safe") {
            mstore(add(add(keys, 0x20), shl(5, i)), key)
        }
    }

    function _cursor(address token, uint256 n) private view returns (Cursor memory c) {
        c.token = token;
        c.domainSeparator = _domainSeparator();
        c.zeros = Merkle._zeroTable();
        c.path = new bytes(32 * Merkle.DEPTH);
        c.keys = new bytes32[](n);
        c.maxBlock = type(uint256).max;
    }

    /// @dev Verifies one item and encodes its leaf at `leafPtr`, then frees the memory the verification used
    ///      (a consent's digest and signature, the general reader's result), so a batch's memory cost grows with
    ///      its leaves only, not its items. Returns the output's key.
    function _verifyItemInScratch(Cursor memory c, MassExitItem calldata item, uint256 leafPtr)
        private
        view
        returns (bytes32 outputKey)
    {
        uint256 freePtr;
        assembly ("memory-safe") {
            freePtr := mload(0x40)
        }
        (address owner, uint256 amount, bytes32 key, uint256 position) = _verifyItem(c, item);
        outputKey = key;
        assembly ("memory-safe") {
            mstore(0x40, freePtr)
            mstore(leafPtr, position)
            mstore(add(leafPtr, 0x20), key)
            mstore(add(leafPtr, 0x40), owner)
            mstore(add(leafPtr, 0x60), amount)
        }
    }

    function _verifyItem(Cursor memory c, MassExitItem calldata item)
        private
        view
        returns (address owner, uint256 amount, bytes32 outputKey, uint256 position)
    {
        position = item.position;
        if (position <= c.lastPosition) revert PositionsNotIncreasing(position);
        c.lastPosition = position;
        (uint256 blkNum, uint256 txIndex, uint256 outputIndex) = _decodePosition(position);
        bytes32 leafHash;
        {
            bytes calldata txBytes = item.txBytes;
            bytes32 txHash;
            (leafHash, txHash) = _txHashes(txBytes);
            (owner, amount, outputKey) = _readOutput(c.token, txBytes, txHash, position, outputIndex);
        }
        _requireIncludedCompressed(c, blkNum, txIndex, leafHash, item);
        if (owner != msg.sender || item.signature.length != 0) {
            _requireConsent(c.domainSeparator, item, owner);
            if (item.consentMaxBlock < c.maxBlock) {
                c.maxBlock = item.consentMaxBlock;
                c.boundPosition = position;
            }
        }
        uint256 total;
        unchecked {
            total = c.total + amount;
        }
        if (total < amount) revert BatchAmountOverflow();
        c.total = total;
    }

    /// @dev `Merkle.leaf(txBytes)` (`keccak256(0x00 ‖ txBytes)`) and `keccak256(txBytes)` from one copy of the
    ///      calldata in scratch memory past the free memory pointer.
    function _txHashes(bytes calldata txBytes) private pure returns (bytes32 leafHash, bytes32 txHash) {
        assembly ("memory-safe") {
            let p := mload(0x40)
            mstore8(p, 0)
            calldatacopy(add(p, 1), txBytes.offset, txBytes.length)
            leafHash := keccak256(p, add(txBytes.length, 1))
            txHash := keccak256(add(p, 1), txBytes.length)
        }
    }

    /// @dev `Position.decode` in one branch: the same parts, the same `InvalidPosition(position)`.
    function _decodePosition(uint256 position)
        private
        pure
        returns (uint256 blkNum, uint256 txIndex, uint256 outputIndex)
    {
        bool outOfRange;
        uint256 maxPosition = Position.MAX_POSITION;
        uint256 maxTxIndex = Position.MAX_TX_INDEX;
        uint256 maxOutputIndex = Position.MAX_OUTPUT_INDEX;
        assembly ("memory-safe") {
            blkNum := div(position, 1000000) // Position.BLOCK_OFFSET
            let rest := mod(position, 1000000)
            txIndex := div(rest, 10) // Position.TX_OFFSET
            outputIndex := mod(rest, 10)
            outOfRange := or(
                or(gt(position, maxPosition), iszero(blkNum)), or(gt(txIndex, maxTxIndex), gt(outputIndex, maxOutputIndex))
            )
        }
        if (outOfRange) revert Position.InvalidPosition(position);
    }

    /// @dev Validates the transaction (as PaymentTx.decode would) and returns the leaf's owner, amount and key.
    function _readOutput(
        address token,
        bytes calldata txBytes,
        bytes32 txHash,
        uint256 position,
        uint256 outputIndex
    ) private pure returns (address owner, uint256 amount, bytes32 outputKey) {
        address outputToken;
        uint256 inputCount;
        uint256 outputCount;
        (owner, outputToken, amount, inputCount, outputCount) = PaymentOutputReader.readOutput(txBytes, outputIndex);
        if (outputIndex >= outputCount) revert NoSuchOutput(position);
        if (outputToken != token) revert WrongToken(position, outputToken);
        ExitAmount.check(amount);
        outputKey = OutputKey.fromTxHash(txHash, inputCount != 0, position, outputIndex);
    }

    /// @dev Sorted positions put a block's outputs next to each other: its commitment is read once, and
    ///      each proof after the block's first is chained to the path before it (lib/BatchProof.sol).
    function _requireIncludedCompressed(
        Cursor memory c,
        uint256 blkNum,
        uint256 txIndex,
        bytes32 leafHash,
        MassExitItem calldata item
    ) private view {
        if (blkNum != c.blkNum) {
            c.blkNum = blkNum;
            c.blockCommitment = framework.blockCommitment(blkNum);
            if (c.blockCommitment == 0) revert UnknownBlock(blkNum);
            c.chained = false;
        }
        (bytes32 root, bool joined) =
            BatchProof.walk(
            leafHash,
            txIndex,
            item.proof,
            c.zeros,
            c.path,
            c.chained ? c.prevIndex : BatchProof.NONE,
            c.nextBlkNum == blkNum
        );
        if (joined) {
            // proven by the kept path; the timestamp is the block's, which that path's root was checked with
            if (item.blockTimestamp != c.blockTimestamp) revert CommitmentMismatch(blkNum);
        } else {
            if (keccak256(abi.encode(root, item.blockTimestamp)) != c.blockCommitment) {
                revert CommitmentMismatch(blkNum);
            }
            c.blockTimestamp = item.blockTimestamp;
            // the walk kept this leaf's path only if the next item is of the same block
            c.chained = c.nextBlkNum == blkNum;
            // an output's exit time depends on its block and the block's timestamp only: a joined item has the
            // ones of the item before it, already counted
            uint256 exitableAt =
                ExitTiming.exitableAt(blkNum, item.blockTimestamp, block.timestamp, _minExitPeriod);
            if (exitableAt > c.exitableAt) c.exitableAt = exitableAt;
        }
        c.prevIndex = txIndex;
    }

    /// @dev A consent's `maxBlock` bounds the blocks the batch draws from; this bounds when it starts. An exit
    ///      of a forgery in child block B (the first after `maxBlock`) is exitable at max(ts_B + 2 MEP,
    ///      start + MEP) (lib/ExitTiming.sol), and the batch, whose outputs are all of earlier blocks, at most
    ///      at max(ts_B + 2 MEP, now + MEP). Started no later than ts_B + MEP the batch is never after the
    ///      forgery (a tie goes to the older position: the batch's); later, it could be, and the forgery
    ///      would drain the vault first. Deposit blocks need no bound: the operator cannot forge them. Until
    ///      B exists no exit from it can be queued at all.
    function _requireTimelyStart(Cursor memory c, bytes32 nextRoot, uint256 nextTimestamp) private view {
        uint256 maxBlock = c.maxBlock;
        uint256 interval = Position.CHILD_BLOCK_INTERVAL;
        // no block can follow a bound this large
        if (maxBlock > type(uint128).max) return;
        uint256 nextChild = maxBlock - maxBlock % interval + interval;
        bytes32 commitment = framework.blockCommitment(nextChild);
        if (commitment == 0) return;
        if (keccak256(abi.encode(nextRoot, nextTimestamp)) != commitment) revert NextBlockMismatch(nextChild);
        uint256 latestStart = nextTimestamp + _minExitPeriod;
        if (block.timestamp > latestStart) revert ConsentedStartTooLate(c.boundPosition, nextChild, latestStart);
    }

    /// @dev A consent names the initiator, a deadline and the youngest block the batch may reach: nobody
    ///      else can use a published consent to reserve the owner's output, the one initiator it names
    ///      cannot hold it back indefinitely, nor batch it with an output of a block the owner did not vouch
    ///      for (a forgery there would make the batch ask the vault for more than it backs, or queue the
    ///      batch behind exits that drain it, and the owner would be paid pro rata).
    function _requireConsent(bytes32 domainSeparator, MassExitItem calldata item, address owner) private view {
        uint256 position = item.position;
        if (item.signature.length == 0) revert NotOutputOwner(position, owner);
        uint256 deadline = item.consentDeadline;
        if (block.timestamp > deadline) revert ConsentExpired(position, deadline);
        bytes32 digest = _consentDigest(domainSeparator, position, msg.sender, deadline, item.consentMaxBlock);
        (address signer, ECDSA.RecoverError err,) = ECDSA.tryRecover(digest, item.signature);
        if (err != ECDSA.RecoverError.NoError) revert BadSignature();
        if (signer != owner) revert ConsentNotByOwner(position, signer);
    }

    function _consentDigest(
        bytes32 domainSeparator,
        uint256 position,
        address initiator,
        uint256 deadline,
        uint256 maxBlock
    ) private pure returns (bytes32) {
        return MessageHashUtils.toTypedDataHash(
            domainSeparator, keccak256(abi.encode(CONSENT_TYPEHASH, position, initiator, deadline, maxBlock))
        );
    }

    function _record(MassExit storage b, Cursor memory c, bytes32 leavesHash, uint256 count) private {
        b.leavesHash = leavesHash;
        b.initiator = msg.sender;
        b.exitableAt = uint64(c.exitableAt);
        b.count = uint16(count);
        b.state = State.Pending;
        b.token = c.token;
        b.remaining = c.total;
    }

    // -------------------------------------------------------------- challenge

    /// @notice Shows that leaf `leafIndex` of a pending batch was spent by a transaction its owner signed
    ///         (inclusion not needed). The leaf's amount leaves the batch and its bond goes to the caller,
    ///         who committed `keccak256(abi.encode(msg.sender, batchId, leafIndex, keccak256(spendingTx)))`
    ///         at least one block before.
    function challengeMassExitOutput(
        uint256 batchId,
        MassExitLeaf[] calldata leaves,
        uint256 leafIndex,
        bytes calldata spendingTx,
        uint8 spendingTxInputIndex,
        bytes calldata spendingTxSignature
    ) external {
        _requireCommitment(keccak256(abi.encode(msg.sender, batchId, leafIndex, keccak256(spendingTx))));
        MassExit storage b = _batches[batchId];
        if (b.state != State.Pending) revert MassExitNotPending(batchId);
        _requireLeaves(b, batchId, leaves);
        if (leafIndex >= leaves.length) revert NoSuchLeaf(leafIndex);
        uint256 bit = 1 << leafIndex;
        if (b.challengedBitmap & bit != 0) revert LeafAlreadyChallenged(batchId, leafIndex);
        MassExitLeaf calldata leaf = leaves[leafIndex];
        PaymentTx.Transaction memory t = PaymentTx.decode(spendingTx);
        if (spendingTxInputIndex >= t.inputs.length || t.inputs[spendingTxInputIndex] != leaf.position) {
            revert NotSpendingOutput();
        }
        address signer = _signerOf(t, spendingTxSignature);
        if (signer != leaf.owner) revert SignerNotOwner(signer);
        _dropLeaf(b, batchId, leaf, bit);
        emit MassExitOutputChallenged(batchId, msg.sender, leafIndex, leaf.position);
        framework.payout(msg.sender, address(0), 0, bondPerOutput);
    }

    /// @dev A challenged leaf frees its output and leaves the batch's amount. A pending batch holds each leaf
    ///      it has not dropped, unless a canonical in-flight spend took it: that amount the framework books as
    ///      taken from the batch (subtracted at processing), so it is not subtracted here a second time.
    function _dropLeaf(MassExit storage b, uint256 batchId, MassExitLeaf calldata leaf, uint256 bit) private {
        b.challengedBitmap |= bit;
        b.challenged += 1;
        if (framework.releaseOutput(leaf.outputKey, batchId)) b.remaining -= leaf.amount;
    }

    // ------------------------------------------------------------- processing

    /// @inheritdoc IExitGame
    /// @dev Never reverts for a batch this game queued: framework.payout never reverts, the framework's
    ///      views cannot, and the token's balance is read with a bounded static call.
    function finalizeExit(address token, uint256, uint256 batchId)
        external
        onlyFramework
        nonReentrant
        returns (uint256 bounty)
    {
        MassExit storage b = _batches[batchId];
        if (b.state != State.Pending) return 0;
        b.state = State.Finalized;
        uint256 live = uint256(b.count) - b.challenged;
        // the outputs a canonical in-flight spend took are paid by that exit: the batch asks only for the rest.
        // From here on the leaves it still holds count as exited (their amount leaves the vault now, though
        // each is marked paid only at withdrawMassExit), so no in-flight spend of one is canonical any more.
        uint256 amount = b.remaining;
        uint256 taken = framework.markExitPaid(batchId);
        if (taken != 0) {
            amount = taken < amount ? amount - taken : 0;
            b.remaining = amount;
        }
        // the batch's amount leaves the vault now, at the batch's priority, into the batch's own escrow: as much
        // of it as the vault can free beside the bonds it holds (this batch's among them)
        _takeEscrow(b, batchId, token, amount);
        framework.payout(b.initiator, address(0), 0, live * (bondPerOutput - bountyPerOutput));
        emit MassExitFinalized(batchId, token);
        return live * bountyPerOutput;
    }

    /// @dev The escrow is what arrived, never what was asked: the vault pays what it can free beside its
    ///      credits (less when it is short: an output of the batch was paid by another exit, or a forgery
    ///      drained it), a fee-on-transfer token delivers less, and a push the token refuses is credited to
    ///      this game at the framework, to be pulled for this batch alone.
    function _takeEscrow(MassExit storage b, uint256 batchId, address token, uint256 amount) private {
        if (amount == 0) return;
        bool isToken = token != address(0);
        uint256 creditBefore = isToken ? framework.withdrawable(address(this), token) : 0;
        (bool readable, uint256 before) = _balanceOf(token);
        framework.payoutUpTo(address(this), token, amount);
        uint256 credited = isToken ? framework.withdrawable(address(this), token) - creditBefore : 0;
        if (credited != 0) {
            b.escrowCredited = true;
            if (credited != amount) b.remaining = credited;
            emit MassExitEscrowCredited(batchId, credited);
            return;
        }
        uint256 arrived = _arrived(token, readable, before, amount);
        if (arrived < amount) {
            b.remaining = arrived;
            emit MassExitEscrowShort(batchId, amount, arrived);
        }
    }

    /// @notice Pays every unchallenged leaf of a processed batch to its owner (anyone may call, once),
    ///         from the batch's escrow only. A leaf whose output a canonical in-flight transaction spent
    ///         meanwhile is neither paid nor counted, so it dilutes no other leaf. When the escrow is less
    ///         than the sum of the leaves the batch still holds, each gets the same share of its amount
    ///         (rounded down); what is left returns to the vault. An escrow still credited at the framework
    ///         (the token refused the push) is pulled first, so this reverts while the token still refuses
    ///         transfers.
    function withdrawMassExit(uint256 batchId, MassExitLeaf[] calldata leaves) external nonReentrant {
        MassExit storage b = _batches[batchId];
        if (b.state != State.Finalized) revert MassExitNotFinalized(batchId);
        _requireLeaves(b, batchId, leaves);
        b.state = State.Withdrawn;
        address token = b.token;
        uint256 escrow = b.remaining;
        if (b.escrowCredited) {
            b.escrowCredited = false;
            escrow = _pullCredit(token, escrow);
        }
        uint256 challenged = b.challengedBitmap;
        // the leaves whose outputs the batch still holds (now marked paid) and their sum
        uint256 held;
        uint256 live;
        for (uint256 i = 0; i < leaves.length; ++i) {
            if (challenged & (1 << i) != 0) continue;
            if (!framework.exitOutput(leaves[i].outputKey, batchId)) continue;
            held |= 1 << i;
            live += leaves[i].amount;
        }
        uint256 paid;
        for (uint256 i = 0; i < leaves.length; ++i) {
            if (held & (1 << i) == 0) continue;
            MassExitLeaf calldata leaf = leaves[i];
            uint256 amount = escrow >= live ? leaf.amount : Math.mulDiv(leaf.amount, escrow, live);
            paid += amount;
            emit MassExitOutputPaid(batchId, leaf.owner, leaf.position, amount);
            if (amount != 0) _push(leaf.owner, token, amount);
        }
        if (escrow > paid) _returnToVault(token, escrow - paid);
    }

    /// @notice Pulls a payout whose push failed.
    function withdraw(address token) external nonReentrant {
        uint256 amount = withdrawable[msg.sender][token];
        if (amount == 0) revert NothingToWithdraw();
        withdrawable[msg.sender][token] = 0;
        emit Withdrawn(msg.sender, token, amount);
        if (token == address(0)) {
            (bool ok,) = msg.sender.call{value: amount}("");
            if (!ok) revert EthTransferFailed();
        } else {
            IERC20(token).safeTransfer(msg.sender, amount);
        }
    }

    // ------------------------------------------------------------------ views

    /// @notice A batch's record (zeros and `None` if there is none). `remaining` is the sum of the leaves
    ///         not challenged away while pending (a leaf a canonical in-flight spend took counts until
    ///         processing subtracts it), and the escrow the batch pays them from once processed.
    function massExits(uint256 batchId)
        external
        view
        returns (
            address initiator,
            address token,
            uint256 count,
            uint256 remaining,
            uint256 exitableAt,
            uint256 challengedBitmap,
            State state
        )
    {
        MassExit storage b = _batches[batchId];
        return (b.initiator, b.token, b.count, b.remaining, b.exitableAt, b.challengedBitmap, b.state);
    }

    /// @notice True while a processed batch's escrow is still credited to this game at the framework.
    function isEscrowCredited(uint256 batchId) external view returns (bool) {
        return _batches[batchId].escrowCredited;
    }

    /// @notice The EIP-712 digest an owner signs to let `initiator` include `position` in a mass exit
    ///         started no later than `deadline` whose outputs are all of blocks up to `maxBlock`.
    function consentDigest(uint256 position, address initiator, uint256 deadline, uint256 maxBlock)
        external
        view
        returns (bytes32)
    {
        return _consentDigest(_domainSeparator(), position, initiator, deadline, maxBlock);
    }

    // -------------------------------------------------------------- internals

    function _domainSeparator() private view returns (bytes32) {
        return block.chainid == _cachedChainId ? _cachedDomainSeparator : framework.domainSeparator();
    }

    function _requireLeaves(MassExit storage b, uint256 batchId, MassExitLeaf[] calldata leaves) private view {
        if (keccak256(abi.encode(leaves)) != b.leavesHash) revert LeavesMismatch(batchId);
    }

    /// @dev Pulls exactly the batch's credited escrow from the framework (reverts while the token still
    ///      refuses the transfer) and returns what arrived.
    function _pullCredit(address token, uint256 amount) private returns (uint256) {
        (bool readable, uint256 before) = _balanceOf(token);
        framework.withdrawAmount(token, amount);
        return _arrived(token, readable, before, amount);
    }

    /// @dev The balance increase since `before`, at most `amount`. A token whose balance cannot be read is
    ///      trusted to have delivered `amount` (its push reported success).
    function _arrived(address token, bool readable, uint256 before, uint256 amount) private view returns (uint256) {
        (bool readableAfter, uint256 afterwards) = _balanceOf(token);
        if (!readable || !readableAfter) return amount;
        if (afterwards <= before) return 0;
        uint256 arrived = afterwards - before;
        return arrived < amount ? arrived : amount;
    }

    /// @dev This game's balance of `token`, read with bounded gas and one word of return data, so a
    ///      hostile token cannot make processing revert.
    function _balanceOf(address token) private view returns (bool ok, uint256 bal) {
        if (token == address(0)) return (true, address(this).balance);
        bytes memory data = abi.encodeCall(IERC20.balanceOf, (address(this)));
        assembly ("memory-safe") {
            ok := staticcall(TOKEN_PUSH_GAS, token, add(data, 0x20), mload(data), 0, 0x20)
            ok := and(ok, gt(returndatasize(), 31))
            bal := mload(0)
        }
    }

    /// @dev Bounded push like the vault's payouts; a failure is credited to `withdrawable`, never reverts.
    function _push(address to, address token, uint256 amount) private {
        if (!BoundedPush.send(to, token, amount, ETH_PUSH_GAS, TOKEN_PUSH_GAS)) {
            withdrawable[to][token] += amount;
            emit PayoutFailed(to, token, amount);
        }
    }

    /// @dev What the batch does not pay (rounding, outputs spent meanwhile) goes back to the vault, which
    ///      backs the in-flight transaction that spent them.
    function _returnToVault(address token, uint256 amount) private {
        if (token == address(0)) {
            framework.returnToVault{value: amount}();
        } else {
            _push(address(framework), token, amount);
        }
    }
}
