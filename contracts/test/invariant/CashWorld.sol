// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {InFlightWorld} from "./InFlightWorld.sol";
import {IOddToken} from "./WorldBase.sol";
import {CoinEncoder} from "../utils/CoinEncoder.sol";
import {CoinTreeBuilder} from "../utils/CoinTreeBuilder.sol";
import {CashExitGameBase} from "../../src/games/CashExitGameBase.sol";

/// @notice Plasma Cash coins as the test knows them: each coin's valid history (the transfers its owners
///         signed and the operator included), its rightful owner, and the coin tree of every coin block.
abstract contract CashWorld is InFlightWorld {
    uint8 internal constant COIN_DEPOSITED = 0;
    uint8 internal constant COIN_EXITING = 1;
    uint8 internal constant COIN_EXITED = 2;
    uint8 internal constant COIN_WITHDRAWN = 3;

    struct Coin {
        uint8 tok;
        uint256 value;
        address owner; // rightful owner by the valid history
        uint64 lastBlock; // the block of the owner's acquisition (the deposit's origin block if none yet)
        bool tainted; // the operator included a transfer of it that the valid history does not contain
    }

    struct Transfer {
        bytes txBytes;
        bytes sig;
        uint64 prevBlock;
        uint64 blk;
        address newOwner;
    }

    /// @dev Indexed by slot: every coin of the game is deposited through the world.
    Coin[] internal _coins;
    mapping(uint64 slot => Transfer[]) internal _history;
    mapping(uint256 blk => bytes[]) internal _coinTxs;
    /// @dev An honest owner's coin counts once in what it is owed.
    mapping(uint64 slot => mapping(address owner => bool)) internal _coinOwed;

    function coinCount() external view returns (uint256) {
        return _coins.length;
    }

    function coinInfo(uint64 slot) external view returns (Coin memory) {
        return _coins[slot];
    }

    // ------------------------------------------------------------------ deposits and transfers

    function _depositCoin(address who, uint8 tok, uint256 amount) internal returns (bool ok) {
        _fund(who, tok, amount);
        bytes memory ret;
        if (tok == ETH) {
            (ok, ret) = _act(who, address(cash), amount, ETH, abi.encodeCall(cash.depositEth, ()));
        } else {
            vm.prank(who);
            IOddToken(tokens[tok]).approve(address(cash), amount);
            (ok, ret) = _act(who, address(cash), 0, tok, abi.encodeCall(cash.depositErc20, (tokens[tok], amount)));
        }
        if (!ok) return false;
        uint64 slot = abi.decode(ret, (uint64));
        // the world deposits every coin, so slots and indexes agree
        require(slot == _coins.length, "slot");
        (uint64 originBlock,) = _origin(slot);
        uint256 value = _coinValue(slot);
        _coins.push(Coin(tok, value, who, originBlock, false));
        coinLedger[who][tok] += value;
    }

    function _submitCoinBlock(bytes[] memory txs) internal returns (uint64 blk) {
        blk = uint64(fw.nextChildBlock());
        for (uint256 i = 0; i < txs.length; ++i) _coinTxs[blk].push(txs[i]);
        bytes32 coinRoot = _coinTree(blk, 0, false);
        vm.prank(operator);
        fw.submitBlockWithCoins(_emptyRoot(), coinRoot);
    }

    function _coinProof(uint256 blk, uint64 slot) internal view returns (bytes memory proof) {
        bytes[] storage txs = _coinTxs[blk];
        uint64[] memory slots = new uint64[](txs.length);
        bytes32[] memory leaves = new bytes32[](txs.length);
        for (uint256 i = 0; i < txs.length; ++i) {
            slots[i] = CoinEncoder.slotOf(txs[i]);
            leaves[i] = CoinEncoder.leaf(txs[i]);
        }
        (, proof) = CoinTreeBuilder.build(slots, leaves, slot);
    }

    function _coinTree(uint256 blk, uint64 slot, bool) private view returns (bytes32 root) {
        bytes[] storage txs = _coinTxs[blk];
        uint64[] memory slots = new uint64[](txs.length);
        bytes32[] memory leaves = new bytes32[](txs.length);
        for (uint256 i = 0; i < txs.length; ++i) {
            slots[i] = CoinEncoder.slotOf(txs[i]);
            leaves[i] = CoinEncoder.leaf(txs[i]);
        }
        (root,) = CoinTreeBuilder.build(slots, leaves, slot);
    }

    function _signCoin(address signer, bytes memory txBytes) internal view returns (bytes memory) {
        bytes32 sh = CoinEncoder.structHash(
            CoinEncoder.slotOf(txBytes), CoinEncoder.prevBlockOf(txBytes), CoinEncoder.newOwnerOf(txBytes)
        );
        return _sig(_keyOf(signer), keccak256(abi.encodePacked(bytes2(0x1901), fw.domainSeparator(), sh)));
    }

    function _coinValue(uint64 slot) internal view returns (uint256 value) {
        (,, value,,,,) = cash.coin(slot);
    }

    function _exitedOwner(uint64 slot) internal view returns (address exitedOwner) {
        (,,,,,, exitedOwner) = cash.coin(slot);
    }

    function _coinState(uint64 slot) internal view returns (uint8 state) {
        (,,, state,,,) = cash.coin(slot);
    }

    function _origin(uint64 slot) internal view returns (uint64 originBlock, address originOwner) {
        (,,,, originBlock, originOwner,) = cash.coin(slot);
    }

    /// @dev `claimant`'s pending exit (or checkpoint) of the coin; claims stand side by side, one per owner.
    function _claimView(uint64 slot, bool onCheckpoint, address claimant)
        internal
        view
        returns (address owner, address prevOwner, uint64 prevBlock, uint64 exitBlock, uint64 exitableAt)
    {
        if (onCheckpoint) (owner, prevOwner, prevBlock, exitBlock, exitableAt,,) = cash.checkpointOf(slot, claimant);
        else (owner, prevOwner, prevBlock, exitBlock, exitableAt,,) = cash.exitOf(slot, claimant);
    }

    function _claimId(uint64 slot, bool onCheckpoint, address claimant) internal view returns (uint64 id) {
        if (onCheckpoint) (,,,,,, id) = cash.checkpointOf(slot, claimant);
        else (,,,,,, id) = cash.exitOf(slot, claimant);
    }

    /// @dev Whether the operator would include a transfer of the coin now: it is deposited, nobody is
    ///      exiting it, and its history is clean.
    function _coinMovable(uint64 slot) internal view returns (bool) {
        (uint32 exits,) = cash.pendingClaims(slot);
        return _coinState(slot) == COIN_DEPOSITED && exits == 0 && !_coins[slot].tainted;
    }

    /// @dev Owners of `slots` sign transfers to `tos`, and the operator includes them in one coin block.
    function _transferCoins(uint64[] memory slots, address[] memory tos) internal {
        bytes[] memory txs = new bytes[](slots.length);
        bytes[] memory sigs = new bytes[](slots.length);
        for (uint256 i = 0; i < slots.length; ++i) {
            Coin storage c = _coins[slots[i]];
            txs[i] = CoinEncoder.transfer(slots[i], c.lastBlock, tos[i]);
            sigs[i] = _signCoin(c.owner, txs[i]);
        }
        uint64 blk = _submitCoinBlock(txs);
        for (uint256 i = 0; i < slots.length; ++i) {
            Coin storage c = _coins[slots[i]];
            _history[slots[i]].push(Transfer(txs[i], sigs[i], c.lastBlock, blk, tos[i]));
            coinLedger[c.owner][c.tok] -= c.value;
            coinLedger[tos[i]][c.tok] += c.value;
            c.owner = tos[i];
            c.lastBlock = blk;
        }
    }

    // ------------------------------------------------------------------ claims

    /// @dev The claim its rightful owner makes for coin `slot`: its last two valid transfers after the
    ///      origin (or the origin itself).
    function _ownerClaim(uint64 slot) internal view returns (CashExitGameBase.CoinClaim memory c) {
        (uint64 originBlock,) = _origin(slot);
        Transfer[] storage h = _history[slot];
        uint256 m = h.length;
        if (m == 0 || h[m - 1].blk <= originBlock) return c;
        Transfer storage last = h[m - 1];
        c.exitTx = last.txBytes;
        c.exitSig = last.sig;
        c.exitProof = _coinProof(last.blk, slot);
        c.exitBlock = last.blk;
        if (last.prevBlock != originBlock) {
            Transfer storage prev = h[m - 2];
            c.prevTx = prev.txBytes;
            c.prevProof = _coinProof(prev.blk, slot);
        }
    }

    /// @dev A claim of its own: `claimant` got the coin at `claimBlock` from the valid history.
    function _claimIsTrue(uint64 slot, bool onCheckpoint, address claimant, uint64 claimBlock) internal view returns (bool) {
        Coin storage c = _coins[slot];
        if (!onCheckpoint) return claimant == c.owner && claimBlock == c.lastBlock;
        Transfer[] storage h = _history[slot];
        for (uint256 i = 0; i < h.length; ++i) {
            if (h[i].blk == claimBlock && h[i].newOwner == claimant) return true;
        }
        return false;
    }

    function _startCoinExit(uint64 slot, address by, CashExitGameBase.CoinClaim memory c) internal returns (bool ok) {
        (ok,) = _act(by, address(cash), COIN_EXIT_BOND, ETH, abi.encodeCall(cash.startExit, (slot, c)));
        if (!ok) return false;
        bool rightful = by == _coins[slot].owner;
        _bondPosted(by, COIN_EXIT_BOND, COIN_EXIT_BOND, rightful);
        if (rightful) _owedCoin(slot, by);
    }

    function _startCheckpoint(uint64 slot, address by, CashExitGameBase.CoinClaim memory c) internal returns (bool ok) {
        (ok,) = _act(by, address(cash), CHECKPOINT_BOND, ETH, abi.encodeCall(cash.startCheckpoint, (slot, c)));
        if (!ok) return false;
        _bondPosted(by, CHECKPOINT_BOND, CHECKPOINT_BOND, by == _coins[slot].owner);
    }

    function _owedCoin(uint64 slot, address owner) internal {
        if (!isHonest(owner) || _coinOwed[slot][owner]) return;
        _coinOwed[slot][owner] = true;
        Coin storage c = _coins[slot];
        owed[owner][c.tok] += c.tok == FEE ? c.value - c.value / 100 - 1 : c.value;
    }

    // ------------------------------------------------------------------ defending a coin

    /// @dev The commitment a reveal of `txHash` on `slot` needs from `who`.
    function _coinCommit(address who, uint64 slot, bytes32 txHash) internal {
        vm.prank(who);
        (bool ok,) = address(fw).call(abi.encodeCall(fw.commitChallenge, (keccak256(abi.encode(who, slot, txHash)))));
        ok;
    }

    /// @dev A pending exit or checkpoint as the cash game shows it.
    struct Pending {
        address owner;
        address prevOwner;
        uint64 prevBlock;
        uint64 exitBlock;
        uint64 exitableAt;
    }

    function _pending(uint64 slot, bool onCheckpoint, address claimant) internal view returns (Pending memory p) {
        (p.owner, p.prevOwner, p.prevBlock, p.exitBlock, p.exitableAt) = _claimView(slot, onCheckpoint, claimant);
    }

    /// @dev _defendClaim for every claimant's pending exit (or checkpoint) of `slot`: whether all are defended.
    function _defend(uint64 slot, bool onCheckpoint, address who) internal returns (bool all) {
        address[7] memory accounts = _cashAccounts();
        all = true;
        for (uint256 i = 0; i < accounts.length; ++i) {
            if (!_defendClaim(slot, onCheckpoint, accounts[i], who)) all = false;
        }
    }

    /// @dev Cancels or challenges `claimant`'s pending exit (or checkpoint) of `slot` if it claims what the
    ///      valid history denies, as `who`; answers the challenges against it if it is the rightful owner's.
    ///      Returns whether the coin is defended: the claim is true, cancelled, or carries an open,
    ///      unanswerable challenge by an honest account.
    function _defendClaim(uint64 slot, bool onCheckpoint, address claimant, address who) internal returns (bool) {
        Pending memory p = _pending(slot, onCheckpoint, claimant);
        if (p.exitableAt == 0) return true;
        if (_claimIsTrue(slot, onCheckpoint, p.owner, p.exitBlock)) {
            if (isHonest(p.owner)) _answerChallenges(slot, onCheckpoint, p.owner, p.prevBlock);
            return true;
        }
        if (isCoalition(_coins[slot].owner)) return true;
        if (!onCheckpoint && _challengeAfter(slot, p.owner, p.exitBlock, who)) return true;
        if (p.prevBlock != 0 && _challengeBetween(slot, onCheckpoint, p, who)) return true;
        return _challengeBefore(slot, onCheckpoint, p.owner, p.prevBlock, who);
    }

    function _challengeAfter(uint64 slot, address claimant, uint64 exitBlock, address who) private returns (bool ok) {
        Transfer[] storage h = _history[slot];
        for (uint256 i = 0; i < h.length; ++i) {
            if (h[i].prevBlock != exitBlock || h[i].blk <= exitBlock) continue;
            _coinCommit(who, slot, keccak256(h[i].txBytes));
            _mine();
            vm.prank(who);
            (ok,) = address(cash).call(
                abi.encodeCall(cash.challengeAfter, (slot, claimant, h[i].txBytes, h[i].sig, _coinProof(h[i].blk, slot), h[i].blk))
            );
            if (ok) {
                _bondPosted(who, 0, COIN_EXIT_BOND, true);
                return true;
            }
        }
    }

    function _challengeBetween(uint64 slot, bool onCheckpoint, Pending memory p, address who)
        private
        returns (bool ok)
    {
        if (p.prevOwner == address(0)) return false;
        Transfer[] storage h = _history[slot];
        for (uint256 i = 0; i < h.length; ++i) {
            if (h[i].prevBlock != p.prevBlock || h[i].blk <= p.prevBlock || h[i].blk >= p.exitBlock) continue;
            _coinCommit(who, slot, keccak256(h[i].txBytes));
            _mine();
            vm.prank(who);
            (ok,) = address(cash).call(_betweenCall(slot, onCheckpoint, p.owner, h[i]));
            if (ok) {
                _bondPosted(who, 0, onCheckpoint ? CHECKPOINT_BOND : COIN_EXIT_BOND, true);
                return true;
            }
        }
    }

    function _betweenCall(uint64 slot, bool onCheckpoint, address claimant, Transfer storage t)
        private
        view
        returns (bytes memory)
    {
        bytes memory proof = _coinProof(t.blk, slot);
        if (onCheckpoint) {
            return abi.encodeCall(cash.challengeCheckpointBetween, (slot, claimant, t.txBytes, t.sig, proof, t.blk));
        }
        return abi.encodeCall(cash.challengeBetween, (slot, claimant, t.txBytes, t.sig, proof, t.blk));
    }

    /// @dev The unanswerable challenge-before: the rightful owner's own acquisition (or the origin, if the
    ///      owner holds the coin from it), which the owner never spent before the claim's previous block.
    function _rightfulChallenge(uint64 slot, uint64 prevBlock)
        internal
        view
        returns (bool exists, bytes32 id, Transfer memory t)
    {
        (uint64 originBlock,) = _origin(slot);
        Transfer[] storage h = _history[slot];
        for (uint256 i = h.length; i > 0; --i) {
            if (h[i - 1].blk < prevBlock && h[i - 1].blk > originBlock) {
                return (true, keccak256(h[i - 1].txBytes), h[i - 1]);
            }
        }
        if (originBlock < prevBlock) return (true, bytes32(0), t);
    }

    function _challengeBefore(uint64 slot, bool onCheckpoint, address claimant, uint64 prevBlock, address who)
        private
        returns (bool ok)
    {
        (bool exists, bytes32 id, Transfer memory t) = _rightfulChallenge(slot, prevBlock);
        if (!exists) return false;
        (uint64 originBlock,) = _origin(slot);
        if (_honestChallengeOpen(slot, onCheckpoint, claimant, id == bytes32(0) ? originBlock : t.blk)) return true;
        _coinCommit(who, slot, id);
        _mine();
        (ok,) = _act(who, address(cash), COIN_CHALLENGE_BOND, ETH, _beforeCall(slot, onCheckpoint, claimant, id, t));
        // a challenger always gets its own bond back (answered evidence pays it to the claimant instead)
        if (ok) _bondPosted(who, COIN_CHALLENGE_BOND, COIN_CHALLENGE_BOND, true);
    }

    function _beforeCall(uint64 slot, bool onCheckpoint, address claimant, bytes32 id, Transfer memory t)
        internal
        view
        returns (bytes memory)
    {
        if (id == bytes32(0)) return abi.encodeCall(cash.challengeBeforeFromOrigin, (slot, claimant, onCheckpoint));
        return abi.encodeCall(
            cash.challengeBefore, (slot, claimant, onCheckpoint, t.txBytes, t.sig, _coinProof(t.blk, slot), t.blk)
        );
    }

    /// @dev Whether an honest account (or the watcher) has an open challenge naming block `blk` against
    ///      `claimant`'s pending claim.
    function _honestChallengeOpen(uint64 slot, bool onCheckpoint, address claimant, uint64 blk)
        internal
        view
        returns (bool)
    {
        uint64 claimId = _claimId(slot, onCheckpoint, claimant);
        uint256 n = cash.challengeCount(slot, claimant, onCheckpoint, claimId);
        for (uint256 k = 0; k < n; ++k) {
            (address challenger, uint64 at, bool open) = cash.challengeAt(slot, claimant, onCheckpoint, claimId, k);
            if (open && at == blk && (challenger == watcher || isHonest(challenger))) return true;
        }
        return false;
    }

    /// @dev The honest claimant answers every open challenge-before with the valid spend of what it names.
    function _answerChallenges(uint64 slot, bool onCheckpoint, address owner, uint64 prevBlock) private {
        Transfer[] storage h = _history[slot];
        (uint64 originBlock,) = _origin(slot);
        // candidate blocks: the origin and every valid transfer
        for (uint256 i = 0; i <= h.length; ++i) {
            uint64 blk = i == h.length ? originBlock : h[i].blk;
            (,, bool open) = cash.evidenceOf(slot, owner, onCheckpoint, blk);
            if (open) _answer(slot, onCheckpoint, owner, prevBlock, blk);
        }
    }

    function _answer(uint64 slot, bool onCheckpoint, address owner, uint64 prevBlock, uint64 blk) private {
        Transfer[] storage h = _history[slot];
        for (uint256 j = 0; j < h.length; ++j) {
            if (h[j].prevBlock != blk || h[j].blk <= blk || h[j].blk > prevBlock) continue;
            _coinCommit(owner, slot, keccak256(h[j].txBytes));
            _mine();
            vm.prank(owner);
            (bool ok,) = address(cash).call(_respondCall(slot, onCheckpoint, owner, h[j]));
            if (ok) return;
        }
    }

    function _respondCall(uint64 slot, bool onCheckpoint, address claimant, Transfer storage t)
        private
        view
        returns (bytes memory)
    {
        return abi.encodeCall(
            cash.respondChallengeBefore, (slot, claimant, onCheckpoint, t.txBytes, t.sig, _coinProof(t.blk, slot), t.blk)
        );
    }

    /// @dev Ends every matured claim of every coin, as the watcher.
    function _finalizeCoins() internal {
        address[7] memory accounts = _cashAccounts();
        for (uint64 slot = 0; slot < _coins.length; ++slot) {
            (uint32 exits, uint32 checkpoints) = cash.pendingClaims(slot);
            if (exits == 0 && checkpoints == 0) continue;
            for (uint256 a = 0; a < accounts.length; ++a) {
                (,,,, uint64 exitAt) = _claimView(slot, false, accounts[a]);
                if (exitAt != 0 && exitAt <= clock) {
                    vm.prank(watcher);
                    (bool ok,) = address(cash).call(abi.encodeCall(cash.finalizeExit, (slot, accounts[a])));
                    ok;
                }
                (,,,, uint64 cpAt) = _claimView(slot, true, accounts[a]);
                if (cpAt != 0 && cpAt <= clock) {
                    vm.prank(watcher);
                    (bool ok,) = address(cash).call(abi.encodeCall(cash.finalizeCheckpoint, (slot, accounts[a])));
                    ok;
                }
            }
        }
    }

    /// @dev The earliest claim maturity after now and no later than `limit` (0 if none).
    function _nextCoinMaturity(uint256 limit) internal view returns (uint256 best) {
        address[7] memory accounts = _cashAccounts();
        for (uint64 slot = 0; slot < _coins.length; ++slot) {
            (uint32 exits, uint32 checkpoints) = cash.pendingClaims(slot);
            if (exits == 0 && checkpoints == 0) continue;
            for (uint256 a = 0; a < accounts.length; ++a) {
                for (uint256 i = 0; i < 2; ++i) {
                    (,,,, uint64 at) = _claimView(slot, i == 1, accounts[a]);
                    if (at > clock && at <= limit && (best == 0 || at < best)) best = at;
                }
            }
        }
    }

    function _cashAccounts() internal view returns (address[7] memory a) {
        a = [honest[0], honest[1], honest[2], mallory, address(accomplice), watcher, operator];
    }
}
