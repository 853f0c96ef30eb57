// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ERC165Checker} from "@openzeppelin/contracts/utils/introspection/ERC165Checker.sol";
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
///      Claims run side by side, one exit and one checkpoint per owner and coin: the first exit to mature
///      without open challenges wins the coin. A claim that closes with an open challenge-before forfeits
///      its bond to the coin (paid to whoever exits it), never to a challenger, so a claimant challenging
///      itself loses the bond.
contract CashExitGame is CashExitGameBase, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    uint8 internal constant REASON_AFTER = 1;
    uint8 internal constant REASON_BETWEEN = 2;
    uint8 internal constant REASON_FORFEITED = 3;
    uint8 internal constant REASON_SUPERSEDED = 4;

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
    /// @dev An ERC721's transferFrom(from, to, id) also moves "amount" = id and raises balanceOf by one, which
    ///      would make a fungible coin of an NFT; ERC721 requires ERC-165, so asking the token tells them apart.
    function depositErc20(address token, uint256 amount) external nonReentrant returns (uint64 slot) {
        if (ERC165Checker.supportsInterface(token, type(IERC721).interfaceId) || _answersOwnerOf(token, amount)) {
            revert TokenIsErc721(token);
        }
        _pinKind(token, KIND_ERC20);
        uint256 before = IERC20(token).balanceOf(address(this));
        IERC20(token).safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = IERC20(token).balanceOf(address(this)) - before;
        if (received == 0) revert ZeroDeposit();
        return _mint(token, KIND_ERC20, received);
    }

    /// @dev A token is held as one kind only: an NFT counted by `balanceOf` as an ERC20 would let its
    ///      coin's `transfer(to, 1)` hand out another coin's token id.
    function _pinKind(address token, uint8 kind) private {
        uint8 pinned = tokenKinds[token];
        if (pinned == 0) tokenKinds[token] = kind;
        else if (pinned != kind) revert TokenKindMismatch(token, pinned);
    }

    /// @dev Pre-standard NFTs report no ERC-165 id, but the id being moved answers `ownerOf`.
    function _answersOwnerOf(address token, uint256 id) private view returns (bool) {
        (bool ok, bytes memory data) = token.staticcall{gas: 100_000}(abi.encodeWithSignature("ownerOf(uint256)", id));
        return ok && data.length >= 32;
    }

    /// @notice Deposits an ERC721 token (approved first) as a new coin carrying its token id.
    function depositErc721(address token, uint256 tokenId) external nonReentrant returns (uint64 slot) {
        _pinKind(token, KIND_ERC721);
        IERC721(token).transferFrom(msg.sender, address(this), tokenId);
        if (IERC721(token).ownerOf(tokenId) != address(this)) revert Erc721NotReceived(token, tokenId);
        return _mint(token, KIND_ERC721, tokenId);
    }

    /// @dev The coin's origin block is the last child block committed before the deposit: its first
    ///      transfer names it as prevBlock and lands in a later block.
    function _mint(address token, uint8 kind, uint256 value) private returns (uint64 slot) {
        slot = nextSlot++;
        uint64 originBlock = uint64(framework.nextChildBlock() - 1);
        CoinRecord storage c = _coins[slot];
        c.token = token;
        c.kind = kind;
        c.originBlock = originBlock;
        c.originOwner = msg.sender;
        c.value = value;
        emit CoinDeposited(slot, msg.sender, token, kind, value, originBlock);
    }

    // ---- exits ----

    /// @notice Starts the caller's exit of a coin it owns by `claim` (its last two transfers, or its origin).
    ///         Any other owner's pending exits or checkpoints of the coin do not stand in the way.
    function startExit(uint64 slot, CoinClaim calldata claim) external payable {
        _requireBond(coinExitBond);
        CoinRecord storage c = _coin(slot);
        if (c.state >= EXITED) revert CoinExited(slot);
        Claimed memory r = _verifyClaim(slot, c, claim);
        uint64 id = _openClaim(slot, EXIT, r);
        ++c.pendingExits;
        c.state = EXITING;
        emit CoinExitStarted(slot, r.owner, r.exitBlock, r.prevBlock, id);
    }

    /// @notice Cancels `claimant`'s exit whose transfer was spent: `txBytes` spends it (prevBlock = the exit
    ///         block), signed by the claimant and included at a later block. The exit bond goes to the caller.
    function challengeAfter(
        uint64 slot,
        address claimant,
        bytes calldata txBytes,
        bytes calldata sig,
        bytes calldata proof,
        uint64 blk
    ) external {
        Claim storage e = _activeClaim(slot, EXIT, claimant);
        Shown memory s = _show(slot, txBytes, sig, proof, blk);
        if (s.t.prevBlock != e.exitBlock) revert WrongPrevBlock(s.t.prevBlock, e.exitBlock);
        if (blk <= e.exitBlock) revert BlockOutOfRange(blk);
        _requireSigner(s.signer, claimant);
        _closeClaim(slot, EXIT, claimant, e, msg.sender, coinExitBond);
        emit CoinExitCancelled(slot, claimant, msg.sender, REASON_AFTER);
    }

    /// @notice Cancels `claimant`'s exit whose previous owner double-spent: `txBytes` spends the same block as
    ///         the exiting transfer (prevBlock = the exit's prevBlock, so an old period's transfer never
    ///         matches), signed by the previous owner, included between prevBlock and the exit block.
    function challengeBetween(
        uint64 slot,
        address claimant,
        bytes calldata txBytes,
        bytes calldata sig,
        bytes calldata proof,
        uint64 blk
    ) external {
        Claim storage cl = _betweenClaim(slot, EXIT, claimant);
        _challengeBetween(slot, EXIT, claimant, cl, _show(slot, txBytes, sig, proof, blk), coinExitBond);
        emit CoinExitCancelled(slot, claimant, msg.sender, REASON_BETWEEN);
    }

    /// @notice challengeBetween against `claimant`'s pending checkpoint; its bond goes to the caller.
    function challengeCheckpointBetween(
        uint64 slot,
        address claimant,
        bytes calldata txBytes,
        bytes calldata sig,
        bytes calldata proof,
        uint64 blk
    ) external {
        Claim storage cl = _betweenClaim(slot, CHECKPOINT, claimant);
        _challengeBetween(slot, CHECKPOINT, claimant, cl, _show(slot, txBytes, sig, proof, blk), checkpointBond);
        emit CheckpointCancelled(slot, claimant, msg.sender, REASON_BETWEEN);
    }

    function _betweenClaim(uint64 slot, uint256 i, address claimant) private view returns (Claim storage cl) {
        cl = _activeClaim(slot, i, claimant);
        if (cl.prevBlock == 0) revert OriginClaim();
    }

    function _challengeBetween(
        uint64 slot,
        uint256 i,
        address claimant,
        Claim storage cl,
        Shown memory s,
        uint256 bond
    ) private {
        if (s.t.prevBlock != cl.prevBlock) revert WrongPrevBlock(s.t.prevBlock, cl.prevBlock);
        if (s.blk <= cl.prevBlock || s.blk >= cl.exitBlock) revert BlockOutOfRange(s.blk);
        _requireSigner(s.signer, cl.prevOwner);
        _closeClaim(slot, i, claimant, cl, msg.sender, bond);
    }

    /// @notice Challenges the history of `claimant`'s exit (or checkpoint) with a bond: a transfer included
    ///         after the origin and before the claim's previous block, whose new owner must be shown to have
    ///         spent it (respondChallengeBefore) or the claim fails. Anyone may file the same evidence; one
    ///         answer closes every filing of it.
    function challengeBefore(
        uint64 slot,
        address claimant,
        bool onCheckpoint,
        bytes calldata txBytes,
        bytes calldata sig,
        bytes calldata proof,
        uint64 blk
    ) external payable {
        _requireBond(challengeBond);
        uint256 i = onCheckpoint ? CHECKPOINT : EXIT;
        Claim storage cl = _activeClaim(slot, i, claimant);
        Shown memory s = _show(slot, txBytes, sig, proof, blk);
        if (blk <= _coins[slot].originBlock || blk >= cl.prevBlock) revert BlockOutOfRange(blk);
        _recordChallenge(slot, i, claimant, cl, s.txHash, s.t.newOwner, blk);
    }

    /// @notice challengeBefore with the origin itself: the origin owner must be shown to have spent the coin.
    function challengeBeforeFromOrigin(uint64 slot, address claimant, bool onCheckpoint) external payable {
        _requireBond(challengeBond);
        uint256 i = onCheckpoint ? CHECKPOINT : EXIT;
        Claim storage cl = _activeClaim(slot, i, claimant);
        _requireCommitment(keccak256(abi.encode(msg.sender, slot, bytes32(0))));
        CoinRecord storage c = _coins[slot];
        if (c.originBlock >= cl.prevBlock) revert BlockOutOfRange(c.originBlock);
        _recordChallenge(slot, i, claimant, cl, bytes32(0), c.originOwner, c.originBlock);
    }

    /// @dev Records msg.sender's filing of the evidence. New evidence counts as one more open challenge and, if
    ///      late, leaves the claimant half a period to answer it; filing known evidence again extends nothing
    ///      (the claimant has had that half period already), and answered evidence cannot be filed again.
    function _recordChallenge(
        uint64 slot,
        uint256 i,
        address claimant,
        Claim storage cl,
        bytes32 txHash,
        address claimedOwner,
        uint64 blk
    ) private {
        uint64 id = cl.id;
        bytes32 claimKey = _claimKey(slot, i, claimant, id);
        Evidence storage ev = _evidence[_evidenceKey(claimKey, blk)];
        if (ev.answered) revert ChallengeAnswered(blk);
        if (ev.filings == 0) {
            ev.claimedOwner = claimedOwner;
            ++cl.openChallenges;
            uint256 latest = block.timestamp + _mep / 2;
            if (latest > cl.exitableAt) cl.exitableAt = uint64(latest);
        }
        ++ev.filings;
        Challenge[] storage list = _challengeLists[claimKey];
        list.push(Challenge({challenger: msg.sender, blk: blk, settled: false}));
        emit CoinChallenged(slot, claimant, i == CHECKPOINT, id, list.length - 1, txHash, claimedOwner, blk, msg.sender);
    }

    /// @notice Answers the evidence against `claimant`'s claim at block txBytes.prevBlock with a spend of it by
    ///         the owner it claims, included after it and no later than the claim's previous block. Every
    ///         challenge bond filed with that evidence goes to the caller.
    function respondChallengeBefore(
        uint64 slot,
        address claimant,
        bool onCheckpoint,
        bytes calldata txBytes,
        bytes calldata sig,
        bytes calldata proof,
        uint64 blk
    ) external {
        _respond(slot, onCheckpoint ? CHECKPOINT : EXIT, claimant, _show(slot, txBytes, sig, proof, blk));
    }

    function _respond(uint64 slot, uint256 i, address claimant, Shown memory s) private {
        Claim storage cl = _activeClaim(slot, i, claimant);
        uint64 challenged = s.t.prevBlock;
        Evidence storage ev = _evidence[_evidenceKey(_claimKey(slot, i, claimant, cl.id), challenged)];
        if (ev.filings == 0 || ev.answered) revert NoSuchChallenge(challenged);
        if (s.blk <= challenged || s.blk > cl.prevBlock) revert BlockOutOfRange(s.blk);
        _requireSigner(s.signer, ev.claimedOwner);
        ev.answered = true;
        --cl.openChallenges;
        uint256 amount = uint256(ev.filings) * challengeBond;
        bonds[msg.sender] += amount;
        emit CoinChallengeAnswered(slot, claimant, i == CHECKPOINT, challenged, msg.sender, amount);
    }

    /// @notice Ends `claimant`'s exit after its period: with an open challenge-before it fails and its bond is
    ///         forfeited to the coin (to its exited owner if another exit won it); else, if another exit won
    ///         the coin, its bond is refunded; else the coin is exited to the claimant, who is credited the
    ///         bond and the coin's forfeits.
    function finalizeExit(uint64 slot, address claimant) external {
        Claim storage e = _activeClaim(slot, EXIT, claimant);
        CoinRecord storage c = _coins[slot];
        uint8 reason = _closeUnlessWinning(slot, EXIT, claimant, e, c, coinExitBond);
        if (reason != 0) {
            emit CoinExitCancelled(slot, claimant, address(0), reason);
            return;
        }
        uint256 won = c.forfeits;
        c.state = EXITED;
        --c.pendingExits;
        c.exitedOwner = claimant;
        if (won != 0) c.forfeits = 0;
        bonds[claimant] += coinExitBond + won;
        delete _claims[slot][claimant][EXIT];
        emit CoinExitFinalized(slot, claimant, won);
    }

    /// @dev After its period, closes a claim that cannot win (returns the cancel reason) or returns 0 for one
    ///      without open challenges on a coin still here. A claim the coin's exit superseded waits for its
    ///      period too: its claimant keeps the time to answer a challenge, so nobody can challenge and close
    ///      it in one transaction to take its bond.
    function _closeUnlessWinning(
        uint64 slot,
        uint256 i,
        address claimant,
        Claim storage cl,
        CoinRecord storage c,
        uint256 bond
    ) private returns (uint8) {
        if (block.timestamp < cl.exitableAt) revert ClaimNotMature(cl.exitableAt);
        bool challenged = cl.openChallenges != 0;
        if (challenged) {
            _closeClaim(slot, i, claimant, cl, address(0), bond);
            return REASON_FORFEITED;
        }
        if (c.state < EXITED) return 0;
        _closeClaim(slot, i, claimant, cl, claimant, bond);
        return REASON_SUPERSEDED;
    }

    /// @notice Pays an exited coin, to `to` (chosen by the exited owner, who may be a contract that cannot
    ///         receive the coin itself).
    function withdraw(uint64 slot, address to) external nonReentrant {
        CoinRecord storage c = _coins[slot];
        if (c.state != EXITED || msg.sender != c.exitedOwner) revert NotExitedOwner(c.exitedOwner);
        if (to == address(0)) revert ZeroRecipient();
        c.state = WITHDRAWN;
        if (c.kind == KIND_ETH) _sendEth(to, c.value);
        else if (c.kind == KIND_ERC20) IERC20(c.token).safeTransfer(to, c.value);
        else IERC721(c.token).safeTransferFrom(address(this), to, c.value);
        emit CoinWithdrawn(slot, msg.sender, to);
    }

    /// @notice Pays every bond credited to the caller (won, refunded or answered).
    function withdrawBonds() external nonReentrant {
        _withdrawBonds(msg.sender);
    }

    /// @notice withdrawBonds, paid to `to`.
    function withdrawBondsTo(address to) external nonReentrant {
        if (to == address(0)) revert ZeroRecipient();
        _withdrawBonds(to);
    }

    function _withdrawBonds(address to) private {
        uint256 amount = bonds[msg.sender];
        if (amount == 0) revert NoBonds();
        bonds[msg.sender] = 0;
        _sendEth(to, amount);
        emit BondsWithdrawn(msg.sender, to, amount);
    }

    // ---- checkpoints ----

    /// @notice Starts the caller's checkpoint: "at claim.exitBlock the coin belonged to the caller, with valid
    ///         history". Once final it becomes the coin's origin, and older history is no longer needed.
    function startCheckpoint(uint64 slot, CoinClaim calldata claim) external payable {
        _requireBond(checkpointBond);
        CoinRecord storage c = _coin(slot);
        if (c.state >= EXITED) revert CoinExited(slot);
        if (claim.exitTx.length == 0) revert CheckpointOfOrigin();
        Claimed memory r = _verifyClaim(slot, c, claim);
        uint64 id = _openClaim(slot, CHECKPOINT, r);
        ++c.pendingCheckpoints;
        emit CheckpointStarted(slot, r.owner, r.exitBlock, r.prevBlock, id);
    }

    /// @notice Ends `claimant`'s checkpoint after its period: with an open challenge its bond is forfeited to
    ///         the coin; on an exited coin it is refunded; else it moves the origin forward.
    function finalizeCheckpoint(uint64 slot, address claimant) external {
        Claim storage cp = _activeClaim(slot, CHECKPOINT, claimant);
        CoinRecord storage c = _coins[slot];
        uint8 reason = _closeUnlessWinning(slot, CHECKPOINT, claimant, cp, c, checkpointBond);
        if (reason != 0) {
            emit CheckpointCancelled(slot, claimant, address(0), reason);
            return;
        }
        uint64 blk = cp.exitBlock;
        if (blk > c.originBlock) {
            c.originBlock = blk;
            c.originOwner = claimant;
        }
        --c.pendingCheckpoints;
        bonds[claimant] += checkpointBond;
        delete _claims[slot][claimant][CHECKPOINT];
        emit CheckpointFinalized(slot, blk, claimant);
    }

    // ---- internals ----

    function _requireBond(uint256 required) private view {
        if (msg.value != required) revert BadBond(msg.value, required);
    }

    function _openClaim(uint64 slot, uint256 i, Claimed memory r) private returns (uint64 id) {
        Claim storage cl = _claims[slot][r.owner][i];
        if (cl.exitableAt != 0) revert ClaimPending(slot, r.owner, i == CHECKPOINT);
        id = nextClaimId++;
        cl.exitBlock = r.exitBlock;
        cl.prevOwner = r.prevOwner;
        cl.prevBlock = r.prevBlock;
        cl.exitableAt = uint64(block.timestamp + _mep);
        cl.id = id;
    }

    /// @dev Closes a claim that did not win: its bond goes to `bondTo`, or (zero) is forfeited to the coin;
    ///      the open challenges among its first SETTLED_AT_CLOSE are refunded (any beyond wait for
    ///      settleChallenge); an exiting coin without other pending exits is DEPOSITED again.
    function _closeClaim(uint64 slot, uint256 i, address claimant, Claim storage cl, address bondTo, uint256 bond)
        private
    {
        if (cl.openChallenges != 0) _refundOpen(_claimKey(slot, i, claimant, cl.id));
        CoinRecord storage c = _coins[slot];
        if (bondTo != address(0)) {
            bonds[bondTo] += bond;
        } else if (c.state >= EXITED) {
            bonds[c.exitedOwner] += bond;
        } else {
            c.forfeits += uint96(bond);
        }
        if (i == EXIT) {
            if (--c.pendingExits == 0 && c.state == EXITING) c.state = DEPOSITED;
        } else {
            --c.pendingCheckpoints;
        }
        delete _claims[slot][claimant][i];
    }

    function _refundOpen(bytes32 claimKey) private {
        Challenge[] storage list = _challengeLists[claimKey];
        uint256 n = list.length < SETTLED_AT_CLOSE ? list.length : SETTLED_AT_CLOSE;
        uint256 bond = challengeBond;
        for (uint256 k = 0; k < n; ++k) {
            Challenge storage ch = list[k];
            if (ch.settled || _evidence[_evidenceKey(claimKey, ch.blk)].answered) continue;
            ch.settled = true;
            bonds[ch.challenger] += bond;
        }
    }

    /// @notice Refunds a challenge its claim's close left open (one beyond the first SETTLED_AT_CLOSE).
    ///         Anyone may call it; the challenger is paid. `claimId` is the claim's id (from exitOf or
    ///         checkpointOf while it was pending, or its start event), `index` the challenge's (CoinChallenged).
    function settleChallenge(uint64 slot, address claimant, bool onCheckpoint, uint64 claimId, uint256 index)
        external
    {
        uint256 i = onCheckpoint ? CHECKPOINT : EXIT;
        Claim storage cl = _claims[slot][claimant][i];
        if (cl.id == claimId && cl.exitableAt != 0) revert ClaimStillPending(claimId);
        bytes32 claimKey = _claimKey(slot, i, claimant, claimId);
        Challenge[] storage list = _challengeLists[claimKey];
        if (index >= list.length) revert NothingToSettle(claimId, index);
        Challenge storage ch = list[index];
        if (ch.settled || _evidence[_evidenceKey(claimKey, ch.blk)].answered) {
            revert NothingToSettle(claimId, index);
        }
        ch.settled = true;
        uint256 amount = challengeBond;
        bonds[ch.challenger] += amount;
        emit ChallengeSettled(slot, claimId, index, ch.challenger, amount);
    }

    function _sendEth(address to, uint256 amount) private {
        (bool ok,) = to.call{value: amount}("");
        if (!ok) revert EthTransferFailed(to);
    }
}
