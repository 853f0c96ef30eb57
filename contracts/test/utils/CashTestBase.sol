// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {PlasmaTestBase} from "./PlasmaTestBase.sol";
import {CoinEncoder} from "./CoinEncoder.sol";
import {CoinTreeBuilder} from "./CoinTreeBuilder.sol";
import {CashExitGameBase} from "../../src/games/CashExitGameBase.sol";

/// @dev DevToken, FeeOnTransferToken and MockErc721 all mint openly.
interface IMintable {
    function mint(address to, uint256 amountOrId) external;
    function approve(address spender, uint256 amountOrId) external;
}

/// @notice The cash game (registered by PlasmaTestBase), coin blocks built with the test's own tree builder,
///         signing and commit helpers, and one three-owner history: alice deposits slot 0, gives it to bob
///         in block 1000 and bob gives it to carol in block 2000 (other coins move in the same blocks, so
///         the proofs are not trivial).
abstract contract CashTestBase is PlasmaTestBase {
    uint256 internal carolKey;
    address internal dave;
    uint256 internal daveKey;

    /// @dev The transfers of each coin block, to rebuild its tree and proofs.
    mapping(uint256 blkNum => bytes[] txs) internal _coinBlocks;

    struct History {
        uint64 slot;
        uint64 origin;
        bytes tx1; // alice -> bob
        bytes sig1;
        uint64 b1;
        bytes tx2; // bob -> carol
        bytes sig2;
        uint64 b2;
    }

    function setUp() public virtual override {
        super.setUp();
        (carol, carolKey) = makeAddrAndKey("carol");
        (dave, daveKey) = makeAddrAndKey("dave");
        vm.deal(dave, 100 ether);
    }

    // ---- coins and blocks ----

    function _depositCoin(address who, uint256 amount) internal returns (uint64 slot) {
        vm.prank(who);
        slot = cash.depositEth{value: amount}();
    }

    function _depositErc20Coin(address token, address who, uint256 amount) internal returns (uint64 slot) {
        IMintable(token).mint(who, amount);
        vm.startPrank(who);
        IMintable(token).approve(address(cash), amount);
        slot = cash.depositErc20(token, amount);
        vm.stopPrank();
    }

    function _depositErc721Coin(address nft, address who, uint256 tokenId) internal returns (uint64 slot) {
        IMintable(nft).mint(who, tokenId);
        vm.startPrank(who);
        IMintable(nft).approve(address(cash), tokenId);
        slot = cash.depositErc721(nft, tokenId);
        vm.stopPrank();
    }

    function _assertCoin(uint64 slot, address token, uint8 kind, uint256 value) internal view {
        (address t, uint8 k, uint256 v,,,,) = cash.coin(slot);
        assertEq(t, token, "coin token");
        assertEq(k, kind, "coin kind");
        assertEq(v, value, "coin value");
    }

    function _signCoin(uint256 key, bytes memory txBytes) internal view returns (bytes memory) {
        bytes32 sh = CoinEncoder.structHash(
            CoinEncoder.slotOf(txBytes), CoinEncoder.prevBlockOf(txBytes), CoinEncoder.newOwnerOf(txBytes)
        );
        bytes32 digest = keccak256(abi.encodePacked(bytes2(0x1901), fw.domainSeparator(), sh));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    function _submitCoins(bytes[] memory txs) internal returns (uint64 blk) {
        blk = uint64(fw.nextChildBlock());
        for (uint256 i = 0; i < txs.length; ++i) _coinBlocks[blk].push(txs[i]);
        vm.prank(operator);
        fw.submitBlockWithCoins(keccak256(abi.encode("utxo", blk)), _coinRoot(blk));
    }

    function _submitCoin(bytes memory txBytes) internal returns (uint64) {
        bytes[] memory txs = new bytes[](1);
        txs[0] = txBytes;
        return _submitCoins(txs);
    }

    function _submitCoinPair(bytes memory a, bytes memory b) internal returns (uint64) {
        bytes[] memory txs = new bytes[](2);
        txs[0] = a;
        txs[1] = b;
        return _submitCoins(txs);
    }

    /// @dev A child block without coin transfers (coin root zero).
    function _submitEmpty() internal returns (uint64 blk) {
        blk = uint64(fw.nextChildBlock());
        vm.prank(operator);
        fw.submitBlock(keccak256(abi.encode("utxo", blk)));
    }

    function _coinRoot(uint256 blk) internal view returns (bytes32 root) {
        (root,) = _tree(blk, 0);
    }

    function _coinProof(uint256 blk, uint64 slot) internal view returns (bytes memory proof) {
        (, proof) = _tree(blk, slot);
    }

    function _tree(uint256 blk, uint64 slot) private view returns (bytes32, bytes memory) {
        bytes[] storage txs = _coinBlocks[blk];
        uint64[] memory slots = new uint64[](txs.length);
        bytes32[] memory leaves = new bytes32[](txs.length);
        for (uint256 i = 0; i < txs.length; ++i) {
            slots[i] = CoinEncoder.slotOf(txs[i]);
            leaves[i] = CoinEncoder.leaf(txs[i]);
        }
        return CoinTreeBuilder.build(slots, leaves, slot);
    }

    // ---- commit-reveal ----

    /// @dev Commitments this test made (a commitment stays valid once mined and cannot be made twice).
    mapping(bytes32 commitment => bool) internal _committed;

    /// @dev Commits (unless committed before) and mines a block.
    function _commitCoin(address who, uint64 slot, bytes32 txHash) internal {
        bytes32 commitment = keccak256(abi.encode(who, slot, txHash));
        if (_committed[commitment]) return;
        _committed[commitment] = true;
        vm.prank(who);
        fw.commitChallenge(commitment);
        vm.roll(block.number + 1);
    }

    // ---- claims ----

    function _originClaim() internal pure returns (CashExitGameBase.CoinClaim memory c) {}

    function _firstSpendClaim(bytes memory exitTx, bytes memory exitSig, uint64 exitBlk)
        internal
        view
        returns (CashExitGameBase.CoinClaim memory c)
    {
        c.exitTx = exitTx;
        c.exitSig = exitSig;
        c.exitProof = _coinProof(exitBlk, CoinEncoder.slotOf(exitTx));
        c.exitBlock = exitBlk;
    }

    function _claim(bytes memory prevTx, uint64 prevBlk, bytes memory exitTx, bytes memory exitSig, uint64 exitBlk)
        internal
        view
        returns (CashExitGameBase.CoinClaim memory c)
    {
        c = _firstSpendClaim(exitTx, exitSig, exitBlk);
        c.prevTx = prevTx;
        c.prevProof = _coinProof(prevBlk, CoinEncoder.slotOf(prevTx));
    }

    function _carolClaim(History memory h) internal view returns (CashExitGameBase.CoinClaim memory) {
        return _claim(h.tx1, h.b1, h.tx2, h.sig2, h.b2);
    }

    // ---- the shared history ----

    /// @dev alice deposits 1 ether as slot 0 (dave deposits slot 1 beside it); alice -> bob in block 1000,
    ///      bob -> carol in block 2000.
    function _history() internal returns (History memory h) {
        h.slot = _depositCoin(alice, 1 ether);
        uint64 other = _depositCoin(dave, 2 ether);
        h.origin = uint64(fw.nextChildBlock() - 1);
        h.tx1 = CoinEncoder.transfer(h.slot, h.origin, bob);
        h.sig1 = _signCoin(aliceKey, h.tx1);
        h.b1 = _submitCoinPair(h.tx1, CoinEncoder.transfer(other, h.origin, alice));
        h.tx2 = CoinEncoder.transfer(h.slot, h.b1, carol);
        h.sig2 = _signCoin(bobKey, h.tx2);
        h.b2 = _submitCoinPair(CoinEncoder.transfer(other, h.b1, bob), h.tx2);
    }

    function _startCarolExit(History memory h) internal {
        CashExitGameBase.CoinClaim memory c = _carolClaim(h);
        vm.prank(carol);
        cash.startExit{value: COIN_EXIT_BOND}(h.slot, c);
    }

    /// @dev bob double-spends block 1000 (already spent to carol at 2000) to dave in a new block; returns
    ///      dave's claim on it.
    function _doubleSpendToDave(History memory h) internal returns (CashExitGameBase.CoinClaim memory c) {
        bytes memory dbl = CoinEncoder.transfer(h.slot, h.b1, dave);
        bytes memory dblSig = _signCoin(bobKey, dbl);
        uint64 b3 = _submitCoin(dbl);
        c = _claim(h.tx1, h.b1, dbl, dblSig, b3);
    }

    /// @dev Commits, mines a block and challenges `claimant`'s claim from the coin's origin, as `who`.
    function _challengeFromOrigin(address who, uint64 slot, address claimant, bool onCheckpoint) internal {
        _commitCoin(who, slot, bytes32(0));
        vm.prank(who);
        cash.challengeBeforeFromOrigin{value: COIN_CHALLENGE_BOND}(slot, claimant, onCheckpoint);
    }

    /// @dev Commits, mines a block and challenges `claimant`'s claim with a transfer included at `blk`.
    function _challengeBeforeWith(
        address who,
        uint64 slot,
        address claimant,
        bool onCheckpoint,
        bytes memory txBytes,
        bytes memory sig,
        uint64 blk
    ) internal {
        _commitCoin(who, slot, keccak256(txBytes));
        bytes memory proof = _coinProof(blk, slot);
        vm.prank(who);
        cash.challengeBefore{value: COIN_CHALLENGE_BOND}(slot, claimant, onCheckpoint, txBytes, sig, proof, blk);
    }

    /// @dev Commits, mines a block and answers the evidence at txBytes.prevBlock against `claimant`'s claim.
    function _respond(address who, uint64 slot, address claimant, bool onCheckpoint, bytes memory txBytes, bytes memory sig, uint64 blk)
        internal
    {
        _commitCoin(who, slot, keccak256(txBytes));
        bytes memory proof = _coinProof(blk, slot);
        vm.prank(who);
        cash.respondChallengeBefore(slot, claimant, onCheckpoint, txBytes, sig, proof, blk);
    }

    function _exitOf(uint64 slot, address owner) internal view returns (address claimant, uint64 exitableAt, uint32 open) {
        (claimant,,,, exitableAt, open,) = cash.exitOf(slot, owner);
    }

    function _checkpointOf(uint64 slot, address owner)
        internal
        view
        returns (address claimant, uint64 exitableAt, uint32 open)
    {
        (claimant,,,, exitableAt, open,) = cash.checkpointOf(slot, owner);
    }

    function _exitId(uint64 slot, address owner) internal view returns (uint64 id) {
        (,,,,,, id) = cash.exitOf(slot, owner);
    }

    function _pending(uint64 slot) internal view returns (uint32 exits, uint32 checkpoints) {
        return cash.pendingClaims(slot);
    }

    function _state(uint64 slot) internal view returns (uint8 state) {
        (,,, state,,,) = cash.coin(slot);
    }
}
