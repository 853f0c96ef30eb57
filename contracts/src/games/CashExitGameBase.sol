// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {ExitGameBase} from "./ExitGameBase.sol";
import {IPlasmaFramework} from "../interfaces/IPlasmaFramework.sol";
import {CoinTransfer} from "../lib/CoinTransfer.sol";
import {CoinTree} from "../lib/CoinTree.sol";

/// @title CashExitGameBase
/// @notice Records, views and rule checks of the Plasma Cash game (docs/protocol.md section 9): coins and
///         their origins, the claims of exits and checkpoints, and their challenges-before. CashExitGame adds
///         deposits, the game's moves and payouts.
abstract contract CashExitGameBase is ExitGameBase {
    using CoinTransfer for CoinTransfer.Transfer;

    // ---- coin kinds and states ----
    uint8 internal constant KIND_ETH = 0;
    uint8 internal constant KIND_ERC20 = 1;
    uint8 internal constant KIND_ERC721 = 2;
    uint8 internal constant DEPOSITED = 0;
    uint8 internal constant EXITING = 1;
    uint8 internal constant EXITED = 2;
    uint8 internal constant WITHDRAWN = 3;

    // ---- errors: one per rule ----
    /// @notice No coin has this slot.
    error UnknownCoin(uint64 slot);
    /// @notice The ETH sent is not the bond this move requires.
    error BadBond(uint256 sent, uint256 required);
    /// @notice The coin already has a pending exit.
    error CoinExiting(uint64 slot);
    /// @notice The coin was exited (or withdrawn) already.
    error CoinExited(uint64 slot);
    /// @notice A transfer names another slot than the coin's.
    error WrongSlot(uint64 txSlot);
    /// @notice The claim's transfer spends a block before the coin's origin (history a checkpoint made final).
    error ClaimTooOld(uint64 prevBlock, uint64 originBlock);
    /// @notice An origin claim or a first spend carries a previous transfer it must not have.
    error UnexpectedPrevTx();
    /// @notice The caller is not the owner the claim names.
    error NotClaimOwner(address owner);
    /// @notice The transfer is not signed by the owner it must be signed by.
    error SignerNotOwner(address signer, address owner);
    /// @notice A block number breaks the rule's order (e.g. an exit block not after its previous block).
    error BlockOutOfRange(uint64 blk);
    /// @notice The transfer's prevBlock is not the one the rule requires.
    error WrongPrevBlock(uint64 prevBlock, uint64 required);
    /// @notice The block has no coin tree (coin root zero): no transfer can be included in it.
    error EmptyCoinBlock(uint64 blk);
    /// @notice The transfer and proof do not recompute the block's coin root.
    error CoinNotIncluded(uint64 blk);
    /// @notice The coin has no pending exit (or checkpoint).
    error NoClaim(uint64 slot, bool onCheckpoint);
    /// @notice Challenge-between does not apply to a claim of the origin itself.
    error OriginClaim();
    /// @notice This challenge-before was made already.
    error DuplicateChallenge(bytes32 challengeTxHash);
    /// @notice No open challenge-before has this id.
    error NoSuchChallenge(bytes32 challengeTxHash);
    /// @notice The exit (or checkpoint) period has not passed.
    error ClaimNotMature(uint64 exitableAt);
    /// @notice The claim a challenge belongs to is still pending: its close settles the challenge.
    error ClaimStillPending(uint64 slot, bool onCheckpoint);
    /// @notice The caller is not the owner the coin was exited to, or the coin is not exited.
    error NotExitedOwner(address exitedOwner);
    /// @notice Nothing to pay.
    error ZeroDeposit();
    /// @notice The ERC721 token did not arrive.
    error Erc721NotReceived(address token, uint256 tokenId);
    /// @notice An ETH transfer to the recipient failed.
    error EthTransferFailed(address to);
    /// @notice No bond is credited to the caller.
    error NoBonds();
    /// @notice A checkpoint is already pending for the coin.
    error CheckpointPending(uint64 slot);
    /// @notice A checkpoint must claim a transfer newer than the origin (the origin itself proves nothing).
    error CheckpointOfOrigin();

    // ---- events ----
    event CoinDeposited(
        uint64 indexed slot, address indexed owner, address token, uint8 kind, uint256 value, uint64 originBlock
    );
    event CoinExitStarted(uint64 indexed slot, address indexed owner, uint64 exitBlock, uint64 prevBlock);
    /// @notice reason 1 = challenge-after, 2 = challenge-between, 3 = open challenge-before at finalization.
    event CoinExitCancelled(uint64 indexed slot, address indexed challenger, uint8 reason);
    event CoinChallenged(
        uint64 indexed slot, bool onCheckpoint, bytes32 challengeTxHash, address claimedOwner, uint64 blk
    );
    event CoinChallengeAnswered(
        uint64 indexed slot, bool onCheckpoint, bytes32 challengeTxHash, address indexed responder
    );
    event CoinExitFinalized(uint64 indexed slot, address indexed owner);
    event CoinWithdrawn(uint64 indexed slot, address indexed owner);
    event CheckpointStarted(uint64 indexed slot, address indexed owner, uint64 exitBlock, uint64 prevBlock);
    /// @notice reason 2 = challenge-between, 3 = open challenge-before at finalization.
    event CheckpointCancelled(uint64 indexed slot, address indexed challenger, uint8 reason);
    event CheckpointFinalized(uint64 indexed slot, uint64 blk, address indexed owner);
    event BondsWithdrawn(address indexed account, uint256 amount);
    /// @notice A challenge left open when its claim closed was settled on its own (settleChallenge).
    event ChallengeSettled(
        uint64 indexed slot, bool onCheckpoint, bytes32 challengeTxHash, address indexed challenger, uint256 amount
    );

    // ---- records ----
    struct CoinRecord {
        address token;
        uint8 kind;
        uint8 state;
        uint64 originBlock;
        address originOwner;
        address exitedOwner;
        uint256 value;
    }

    /// @notice What an exit or checkpoint claims: `owner` got the coin at `exitBlock` from `prevOwner`, who
    ///         got it at `prevBlock` (both zero for a claim of the origin itself).
    struct Claim {
        address owner;
        uint64 exitBlock;
        address prevOwner;
        uint64 prevBlock;
        uint64 exitableAt;
        uint16 openChallenges;
    }

    struct Challenge {
        address challenger;
        uint64 blk;
        bool open;
        address claimedOwner;
    }

    /// @notice Calldata of an exit or checkpoint: the coin's last two transfers and their coin proofs.
    struct CoinClaim {
        bytes prevTx;
        bytes prevProof;
        bytes exitTx;
        bytes exitSig;
        bytes exitProof;
        uint64 exitBlock;
    }

    /// @notice A revealed transfer with its signature, coin proof and block.
    struct Shown {
        CoinTransfer.Transfer t;
        bytes32 txHash;
        uint64 blk;
        address signer;
    }

    uint256 public immutable coinExitBond;
    uint256 public immutable challengeBond;
    uint256 public immutable checkpointBond;
    /// @dev The framework's minimum exit period (immutable there too), read once.
    uint256 internal immutable _mep;

    /// @notice The slot the next deposit gets.
    uint64 public nextSlot;
    /// @notice ETH credited to each account (bonds won or refunded), paid by `withdrawBonds`.
    mapping(address account => uint256 wei_) public bonds;

    mapping(uint64 slot => CoinRecord) internal _coins;
    /// @dev [slot][0] = exit, [slot][1] = checkpoint.
    mapping(uint64 slot => Claim[2]) internal _claims;
    /// @dev keyed by `_challengeKey(slot, onCheckpoint, round, txHash)`; a claim's round makes a new claim
    ///      start without old challenges.
    mapping(bytes32 key => Challenge) internal _challenges;
    /// @dev Challenge keys of a claim in the order they were made (the earliest open one wins the bond).
    mapping(bytes32 claimKey => bytes32[] keys) internal _challengeLists;
    /// @dev Rounds survive the claim record's deletion, so a later claim never sees old challenges.
    mapping(uint64 slot => uint32[2]) internal _rounds;
    /// @dev A claim's bond that its close could not pay because none of the challenges it settled was open:
    ///      the first open challenge settled later (settleChallenge) takes it.
    mapping(bytes32 claimKey => uint256 bond) internal _unpaidClaimBonds;

    /// @dev How many of a claim's challenges its close settles; any beyond settle one by one, so no number
    ///      of challenges can push a finalize or a cancel past the block gas limit and freeze the coin.
    uint256 internal constant SETTLED_AT_CLOSE = 32;

    constructor(IPlasmaFramework framework_, uint256 coinExitBond_, uint256 challengeBond_, uint256 checkpointBond_)
        ExitGameBase(framework_)
    {
        coinExitBond = coinExitBond_;
        challengeBond = challengeBond_;
        checkpointBond = checkpointBond_;
        _mep = framework_.minExitPeriod();
    }

    // ---- views ----

    function coin(uint64 slot)
        external
        view
        returns (
            address token,
            uint8 kind,
            uint256 value,
            uint8 state,
            uint64 originBlock,
            address originOwner,
            address exitedOwner
        )
    {
        CoinRecord storage c = _coins[slot];
        return (c.token, c.kind, c.value, c.state, c.originBlock, c.originOwner, c.exitedOwner);
    }

    function exitOf(uint64 slot)
        external
        view
        returns (
            address owner,
            address prevOwner,
            uint64 prevBlock,
            uint64 exitBlock,
            uint64 exitableAt,
            uint16 openChallenges
        )
    {
        return _claimView(_claims[slot][0]);
    }

    function checkpointOf(uint64 slot)
        external
        view
        returns (
            address owner,
            address prevOwner,
            uint64 prevBlock,
            uint64 exitBlock,
            uint64 exitableAt,
            uint16 openChallenges
        )
    {
        return _claimView(_claims[slot][1]);
    }

    /// @notice A challenge-before of the coin's current exit (or checkpoint); id bytes32(0) is the origin.
    function challengeOf(uint64 slot, bool onCheckpoint, bytes32 challengeTxHash)
        external
        view
        returns (address challenger, address claimedOwner, uint64 blk, bool open)
    {
        uint256 i = onCheckpoint ? 1 : 0;
        Challenge storage ch = _challenges[_challengeKey(slot, i, _rounds[slot][i], challengeTxHash)];
        return (ch.challenger, ch.claimedOwner, ch.blk, ch.open);
    }

    function _claimView(Claim storage c)
        private
        view
        returns (address, address, uint64, uint64, uint64, uint16)
    {
        return (c.owner, c.prevOwner, c.prevBlock, c.exitBlock, c.exitableAt, c.openChallenges);
    }

    // ---- rule checks ----

    function _coin(uint64 slot) internal view returns (CoinRecord storage c) {
        if (slot >= nextSlot) revert UnknownCoin(slot);
        c = _coins[slot];
    }

    /// @dev The pending exit (i = 0) or checkpoint (i = 1) of a coin.
    function _activeClaim(uint64 slot, uint256 i) internal view returns (Claim storage cl) {
        cl = _claims[slot][i];
        if (cl.exitableAt == 0) revert NoClaim(slot, i == 1);
    }

    /// @dev Checks a claim against the coin's origin (docs/protocol.md 9.4) and returns what it claims.
    function _verifyClaim(uint64 slot, CoinRecord storage c, CoinClaim calldata claim)
        internal
        view
        returns (Claim memory r)
    {
        if (claim.exitTx.length == 0) {
            if (claim.prevTx.length != 0) revert UnexpectedPrevTx();
            r.owner = c.originOwner;
            r.exitBlock = c.originBlock;
        } else {
            CoinTransfer.Transfer memory t = _decode(slot, claim.exitTx);
            uint64 originBlock = c.originBlock;
            if (t.prevBlock == originBlock) {
                if (claim.prevTx.length != 0) revert UnexpectedPrevTx();
                r.prevOwner = c.originOwner;
            } else {
                if (t.prevBlock < originBlock) revert ClaimTooOld(t.prevBlock, originBlock);
                CoinTransfer.Transfer memory p = _decode(slot, claim.prevTx);
                _requireCoinIncluded(slot, claim.prevTx, claim.prevProof, t.prevBlock);
                r.prevOwner = p.newOwner;
            }
            address signer = _recover(t.structHash(), claim.exitSig);
            if (signer != r.prevOwner) revert SignerNotOwner(signer, r.prevOwner);
            if (claim.exitBlock <= t.prevBlock) revert BlockOutOfRange(claim.exitBlock);
            _requireCoinIncluded(slot, claim.exitTx, claim.exitProof, claim.exitBlock);
            r.owner = t.newOwner;
            r.prevBlock = t.prevBlock;
            r.exitBlock = claim.exitBlock;
        }
        if (msg.sender != r.owner) revert NotClaimOwner(r.owner);
    }

    /// @dev Decodes a revealed transfer of `slot` included at `blk`, binds it to msg.sender's commitment
    ///      and recovers its signer.
    function _show(uint64 slot, bytes calldata txBytes, bytes calldata sig, bytes calldata proof, uint64 blk)
        internal
        view
        returns (Shown memory s)
    {
        s.t = _decode(slot, txBytes);
        s.txHash = keccak256(txBytes);
        s.blk = blk;
        _requireCommitment(keccak256(abi.encode(msg.sender, slot, s.txHash)));
        s.signer = _recover(s.t.structHash(), sig);
        _requireCoinIncluded(slot, txBytes, proof, blk);
    }

    function _decode(uint64 slot, bytes calldata txBytes) internal pure returns (CoinTransfer.Transfer memory t) {
        t = CoinTransfer.decode(txBytes);
        if (t.slot != slot) revert WrongSlot(t.slot);
    }

    /// @dev Reverts unless `txBytes` is the leaf of `slot` in the coin tree of block `blk`.
    function _requireCoinIncluded(uint64 slot, bytes calldata txBytes, bytes calldata proof, uint64 blk)
        internal
        view
    {
        bytes32 root = framework.coinRoot(blk);
        if (root == 0) revert EmptyCoinBlock(blk);
        if (CoinTree.rootFromProof(slot, CoinTransfer.leafHash(txBytes), proof) != root) revert CoinNotIncluded(blk);
    }

    function _requireSigner(address signer, address owner) internal pure {
        if (signer != owner) revert SignerNotOwner(signer, owner);
    }

    function _challengeKey(uint64 slot, uint256 i, uint32 round, bytes32 txHash) internal pure returns (bytes32) {
        return keccak256(abi.encode(slot, i, round, txHash));
    }

    function _claimKey(uint64 slot, uint256 i, uint32 round) internal pure returns (bytes32) {
        return keccak256(abi.encode(slot, i, round));
    }
}
