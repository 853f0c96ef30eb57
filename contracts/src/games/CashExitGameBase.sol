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
    /// @notice A bond parameter too large for the coin's forfeit pot.
    error BondTooLarge(uint256 bond);
    /// @notice The caller already has a pending exit (or checkpoint) of this coin.
    error ClaimPending(uint64 slot, address owner, bool onCheckpoint);
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
    /// @notice `claimant` has no pending exit (or checkpoint) of the coin.
    error NoClaim(uint64 slot, address claimant, bool onCheckpoint);
    /// @notice Challenge-between does not apply to a claim of the origin itself.
    error OriginClaim();
    /// @notice The evidence at this block was answered already: the claimant showed its spend.
    error ChallengeAnswered(uint64 blk);
    /// @notice No open challenge-before of the claim names the coin's owner at this block.
    error NoSuchChallenge(uint64 blk);
    /// @notice The challenge does not exist, was settled already, or was answered (its bond went to the responder).
    error NothingToSettle(uint64 claimId, uint256 index);
    /// @notice The exit (or checkpoint) period has not passed.
    error ClaimNotMature(uint64 exitableAt);
    /// @notice The claim a challenge belongs to is still pending: its close settles the challenge.
    error ClaimStillPending(uint64 claimId);
    /// @notice The caller is not the owner the coin was exited to, or the coin is not exited.
    error NotExitedOwner(address exitedOwner);
    /// @notice Funds cannot be sent to the zero address.
    error ZeroRecipient();
    /// @notice Nothing to pay.
    error ZeroDeposit();
    /// @notice The token passed to depositErc20 says (ERC-165) that it is an ERC721: it must be deposited as one.
    error TokenIsErc721(address token);
    /// @notice The token was first deposited as another kind (1 ERC20, 2 ERC721); a token is held as one kind.
    error TokenKindMismatch(address token, uint8 pinnedKind);
    /// @notice The ERC721 token did not arrive.
    error Erc721NotReceived(address token, uint256 tokenId);
    /// @notice An ETH transfer to the recipient failed.
    error EthTransferFailed(address to);
    /// @notice No bond is credited to the caller.
    error NoBonds();
    /// @notice A checkpoint must claim a transfer newer than the origin (the origin itself proves nothing).
    error CheckpointOfOrigin();

    // ---- events ----
    event CoinDeposited(
        uint64 indexed slot, address indexed owner, address token, uint8 kind, uint256 value, uint64 originBlock
    );
    event CoinExitStarted(
        uint64 indexed slot, address indexed owner, uint64 exitBlock, uint64 prevBlock, uint64 claimId
    );
    /// @notice reason 1 = challenge-after, 2 = challenge-between (bond to the challenger); 3 = closed with an
    ///         open challenge-before (bond forfeited to the coin); 4 = the coin was exited by another claim
    ///         (bond refunded).
    event CoinExitCancelled(uint64 indexed slot, address indexed owner, address indexed challenger, uint8 reason);
    event CoinChallenged(
        uint64 indexed slot,
        address indexed claimant,
        bool onCheckpoint,
        uint64 claimId,
        uint256 index,
        bytes32 challengeTxHash,
        address claimedOwner,
        uint64 blk,
        address indexed challenger
    );
    /// @notice `amount` is every challenge bond filed with the evidence at `blk`, paid to the responder.
    event CoinChallengeAnswered(
        uint64 indexed slot, address indexed claimant, bool onCheckpoint, uint64 blk, address indexed responder, uint256 amount
    );
    /// @notice `forfeits` is what failed claims on the coin forfeited, paid to its owner with the exit bond.
    event CoinExitFinalized(uint64 indexed slot, address indexed owner, uint256 forfeits);
    event CoinWithdrawn(uint64 indexed slot, address indexed owner, address to);
    event CheckpointStarted(
        uint64 indexed slot, address indexed owner, uint64 exitBlock, uint64 prevBlock, uint64 claimId
    );
    /// @notice reason 2 = challenge-between, 3 = closed with an open challenge-before (forfeited), 4 = the coin
    ///         was exited (refunded).
    event CheckpointCancelled(uint64 indexed slot, address indexed owner, address indexed challenger, uint8 reason);
    event CheckpointFinalized(uint64 indexed slot, uint64 blk, address indexed owner);
    event BondsWithdrawn(address indexed account, address to, uint256 amount);
    /// @notice A challenge left open when its claim closed was refunded on its own (settleChallenge).
    event ChallengeSettled(
        uint64 indexed slot, uint64 indexed claimId, uint256 index, address indexed challenger, uint256 amount
    );

    // ---- records ----

    /// @dev Four slots: the coin and its origin block; the origin owner with the state and the number of
    ///      pending exits and checkpoints (what an exit's start and end change together); the exited owner
    ///      with the bonds that failed claims forfeited to the coin; the value.
    struct CoinRecord {
        address token;
        uint8 kind;
        uint64 originBlock;
        address originOwner;
        uint8 state;
        uint32 pendingExits;
        uint32 pendingCheckpoints;
        address exitedOwner;
        uint96 forfeits;
        uint256 value;
    }

    /// @notice A pending exit or checkpoint of `claimant` (the key it is stored under): the claimant got the
    ///         coin at `exitBlock` from `prevOwner`, who got it at `prevBlock` (both zero for a claim of the
    ///         origin itself). `openChallenges` counts the distinct unanswered evidence against it; `id`
    ///         names this claim among every claim ever made (challenges are recorded under it).
    struct Claim {
        uint64 exitBlock;
        address prevOwner;
        uint64 prevBlock;
        uint64 exitableAt;
        uint32 openChallenges;
        uint64 id;
    }

    /// @dev What a verified claim says.
    struct Claimed {
        address owner;
        uint64 exitBlock;
        address prevOwner;
        uint64 prevBlock;
    }

    /// @notice One piece of challenge-before evidence against one claim: `claimedOwner` held the coin since
    ///         block `blk` (the new owner of the coin's one transfer included there, or the origin owner at the
    ///         origin block) and must be shown to have spent it. A block holds at most one transfer of a slot and
    ///         the origin block none in a claim's range, so the block alone names the evidence. Filed by any
    ///         number of challengers, answered once for all of them.
    struct Evidence {
        address claimedOwner;
        uint64 filings;
        bool answered;
    }

    /// @notice One challenger's filing of the evidence at `blk` against a claim.
    struct Challenge {
        address challenger;
        uint64 blk;
        bool settled;
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
    /// @notice The id the next exit or checkpoint gets (ids start at 1).
    uint64 public nextClaimId;
    /// @notice ETH credited to each account (bonds won or refunded), paid by `withdrawBonds`.
    mapping(address account => uint256 wei_) public bonds;

    /// @notice The kind each token was first deposited as (0: never; 1 ERC20; 2 ERC721).
    mapping(address token => uint8 kind) public tokenKinds;

    mapping(uint64 slot => CoinRecord) internal _coins;
    /// @dev [slot][claimant][0] = exit, [1] = checkpoint: every owner has its own, so no claim filed first by
    ///      anyone else can stand in the way of the rightful owner's.
    mapping(uint64 slot => mapping(address claimant => Claim[2])) internal _claims;
    /// @dev keyed by `_evidenceKey(_claimKey(..), blk)`.
    mapping(bytes32 evidenceKey => Evidence) internal _evidence;
    /// @dev Every challenge filed against a claim, in order, keyed by `_claimKey`.
    mapping(bytes32 claimKey => Challenge[]) internal _challengeLists;

    /// @dev How many of a claim's challenges its close settles; any beyond settle one by one, so no number
    ///      of challenges can push a finalize or a cancel past the block gas limit and freeze the coin.
    uint256 internal constant SETTLED_AT_CLOSE = 32;
    uint256 internal constant EXIT = 0;
    uint256 internal constant CHECKPOINT = 1;

    constructor(IPlasmaFramework framework_, uint256 coinExitBond_, uint256 challengeBond_, uint256 checkpointBond_)
        ExitGameBase(framework_)
    {
        // forfeited claim bonds add up in a uint96 per coin: no plausible number of bonds of this size fills it
        if (coinExitBond_ > type(uint80).max) revert BondTooLarge(coinExitBond_);
        if (checkpointBond_ > type(uint80).max) revert BondTooLarge(checkpointBond_);
        coinExitBond = coinExitBond_;
        challengeBond = challengeBond_;
        checkpointBond = checkpointBond_;
        _mep = framework_.minExitPeriod();
        nextClaimId = 1;
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

    /// @notice How many exits and checkpoints of the coin are pending (each by a different owner).
    function pendingClaims(uint64 slot) external view returns (uint32 exits, uint32 checkpoints) {
        CoinRecord storage c = _coins[slot];
        return (c.pendingExits, c.pendingCheckpoints);
    }

    /// @notice The bonds that failed claims on the coin forfeited: paid to whoever exits the coin.
    function forfeits(uint64 slot) external view returns (uint256) {
        return _coins[slot].forfeits;
    }

    /// @notice `owner`'s pending exit of the coin (owner and exitableAt zero: none).
    function exitOf(uint64 slot, address owner)
        external
        view
        returns (
            address claimant,
            address prevOwner,
            uint64 prevBlock,
            uint64 exitBlock,
            uint64 exitableAt,
            uint32 openChallenges,
            uint64 claimId
        )
    {
        return _claimView(_claims[slot][owner][EXIT], owner);
    }

    /// @notice `owner`'s pending checkpoint of the coin (owner and exitableAt zero: none).
    function checkpointOf(uint64 slot, address owner)
        external
        view
        returns (
            address claimant,
            address prevOwner,
            uint64 prevBlock,
            uint64 exitBlock,
            uint64 exitableAt,
            uint32 openChallenges,
            uint64 claimId
        )
    {
        return _claimView(_claims[slot][owner][CHECKPOINT], owner);
    }

    /// @notice The evidence at block `blk` against `claimant`'s pending claim: `filings` challenges name it;
    ///         `open` while it is filed and unanswered.
    function evidenceOf(uint64 slot, address claimant, bool onCheckpoint, uint64 blk)
        external
        view
        returns (address claimedOwner, uint64 filings, bool open)
    {
        Evidence storage ev = _evidence[_evidenceKey(_currentClaimKey(slot, onCheckpoint, claimant), blk)];
        return (ev.claimedOwner, ev.filings, ev.filings != 0 && !ev.answered);
    }

    function _currentClaimKey(uint64 slot, bool onCheckpoint, address claimant) private view returns (bytes32) {
        uint256 i = onCheckpoint ? CHECKPOINT : EXIT;
        return _claimKey(slot, i, claimant, _claims[slot][claimant][i].id);
    }

    /// @notice How many challenges were filed against claim `claimId` (of `claimant` on the coin).
    function challengeCount(uint64 slot, address claimant, bool onCheckpoint, uint64 claimId)
        external
        view
        returns (uint256)
    {
        return _challengeLists[_claimKey(slot, onCheckpoint ? CHECKPOINT : EXIT, claimant, claimId)].length;
    }

    /// @notice The `index`-th challenge filed against claim `claimId`; `open` until it is refunded or its
    ///         evidence is answered.
    function challengeAt(uint64 slot, address claimant, bool onCheckpoint, uint64 claimId, uint256 index)
        external
        view
        returns (address challenger, uint64 blk, bool open)
    {
        bytes32 claimKey = _claimKey(slot, onCheckpoint ? CHECKPOINT : EXIT, claimant, claimId);
        Challenge storage ch = _challengeLists[claimKey][index];
        open = !ch.settled && !_evidence[_evidenceKey(claimKey, ch.blk)].answered;
        return (ch.challenger, ch.blk, open);
    }

    function _claimView(Claim storage c, address owner)
        private
        view
        returns (address, address, uint64, uint64, uint64, uint32, uint64)
    {
        address claimant = c.exitableAt == 0 ? address(0) : owner;
        return (claimant, c.prevOwner, c.prevBlock, c.exitBlock, c.exitableAt, c.openChallenges, c.id);
    }

    // ---- rule checks ----

    function _coin(uint64 slot) internal view returns (CoinRecord storage c) {
        if (slot >= nextSlot) revert UnknownCoin(slot);
        c = _coins[slot];
    }

    /// @dev `claimant`'s pending exit (i = 0) or checkpoint (i = 1) of a coin.
    function _activeClaim(uint64 slot, uint256 i, address claimant) internal view returns (Claim storage cl) {
        cl = _claims[slot][claimant][i];
        if (cl.exitableAt == 0) revert NoClaim(slot, claimant, i == CHECKPOINT);
    }

    /// @dev Checks a claim against the coin's origin (docs/protocol.md 9.4) and returns what it claims.
    function _verifyClaim(uint64 slot, CoinRecord storage c, CoinClaim calldata claim)
        internal
        view
        returns (Claimed memory r)
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

    /// @dev Names one claim's challenges and evidence; binding slot, kind and claimant to the id means no
    ///      caller can reach a claim's records through another claim's arguments.
    function _claimKey(uint64 slot, uint256 i, address claimant, uint64 id) internal pure returns (bytes32) {
        return keccak256(abi.encode(slot, i, claimant, id));
    }

    function _evidenceKey(bytes32 claimKey, uint64 blk) internal pure returns (bytes32) {
        return keccak256(abi.encode(claimKey, blk));
    }
}
