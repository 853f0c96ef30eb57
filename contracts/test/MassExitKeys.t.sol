// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {MassExitTestBase} from "./utils/MassExitTestBase.sol";
import {TxEncoder} from "./utils/TxEncoder.sol";
import {MassExitGame} from "../src/games/MassExitGame.sol";
import {ExitController} from "../src/framework/ExitController.sol";
import {Position} from "../src/lib/Position.sol";

/// @notice The single-loop reservation and the once-hashed output keys of a mass exit start. These pass: what
///         was checked and found sound.
contract MassExitKeysTest is MassExitTestBase {
    function setUp() public override {
        super.setUp();
        _fundVault(50 ether);
    }

    function _reserved(bytes32 key) internal view returns (bool r, uint8 kind, uint256 id) {
        return fw.outputReservation(key);
    }

    function _heldBy(bytes32 key, uint8 kind, uint256 id) internal view returns (bool) {
        (bool r, uint8 k, uint256 i) = fw.outputReservation(key);
        return r && k == kind && i == id;
    }

    function _key(bytes memory txBytes) internal pure returns (bytes32) {
        return keccak256(abi.encode(keccak256(txBytes), uint256(0)));
    }

    /// @dev A hostile operator puts one payment twice in a block: its two positions have one output key. A batch
    ///      of both reverts at the second with the first's reservation, and nothing stays reserved.
    function test_duplicateKeyWithinOneBatch_revertsAndReservesNothing() public {
        uint256[] memory ins = new uint256[](1);
        ins[0] = 7 * Position.BLOCK_OFFSET;
        TxEncoder.Out[] memory outs = new TxEncoder.Out[](1);
        outs[0] = TxEncoder.Out(alice, address(0), 1 ether);
        bytes[] memory txs = new bytes[](2);
        txs[0] = TxEncoder.encodeTx(1, ins, outs, bytes32(0));
        txs[1] = txs[0];
        Block memory b = _submitBlock(txs);
        MassExitGame.MassExitItem[] memory items = new MassExitGame.MassExitItem[](2);
        items[0] = _item(b, 0);
        items[1] = _item(b, 1);
        bytes32 key = keccak256(abi.encode(keccak256(txs[0]), uint256(0)));
        vm.expectRevert(abi.encodeWithSelector(ExitController.OutputReserved.selector, key, uint8(2), uint256(1)));
        _startMass(alice, address(0), items);
        (bool r,,) = _reserved(key);
        assertTrue(!r, "nothing reserved");
        // chained proofs too
        _chainProofs(items);
        vm.expectRevert(abi.encodeWithSelector(ExitController.OutputReserved.selector, key, uint8(2), uint256(1)));
        _startMass(alice, address(0), items);
        // a standard exit of the second position is keyed the same and still free
        Included memory inc = Included(b.blkNum, b.timestamp, bytes32(0), b.proofs[1]);
        _startExit(alice, b.blkNum * Position.BLOCK_OFFSET + Position.TX_OFFSET, txs[1], inc);
        (bool r2, uint8 kind, uint256 id) = _reserved(key);
        assertTrue(r2 && kind == 0 && id == b.blkNum * Position.BLOCK_OFFSET + Position.TX_OFFSET, "held by the standard exit");
    }

    /// @dev The last item's key is held by a standard exit: the loop wrote the earlier keys before it found it,
    ///      and the revert undoes them all.
    function test_keyHeldElsewhere_atTheEnd_revertsAndEarlierKeysStayFree() public {
        (uint256 d1, bytes memory t1, Included memory i1) = _depositEth(alice, 1 ether);
        (uint256 d2, bytes memory t2, Included memory i2) = _depositEth(alice, 2 ether);
        Block memory b = _paymentBlock(_same(alice, 2), 50 * Position.BLOCK_OFFSET);
        Included memory inc = Included(b.blkNum, b.timestamp, bytes32(0), b.proofs[1]);
        uint256 pos = b.blkNum * Position.BLOCK_OFFSET + Position.TX_OFFSET;
        _startExit(alice, pos, b.txs[1], inc);
        bytes32 heldKey = keccak256(abi.encode(keccak256(b.txs[1]), uint256(0)));
        MassExitGame.MassExitItem[] memory items = new MassExitGame.MassExitItem[](4);
        items[0] = _depositItem(d1, t1, i1);
        items[1] = _depositItem(d2, t2, i2);
        items[2] = _item(b, 0);
        items[3] = _item(b, 1);
        vm.expectRevert(abi.encodeWithSelector(ExitController.OutputReserved.selector, heldKey, uint8(0), pos));
        _startMass(alice, address(0), items);
        (bool r1,,) = _reserved(bytes32(d1));
        (bool r2,,) = _reserved(bytes32(d2));
        (bool r3,,) = _reserved(_key(b.txs[0]));
        assertTrue(!r1 && !r2 && !r3, "earlier keys free");
        assertEq(fw.exitQueueLength(address(0)), 1, "only the standard exit is queued");
        _startWithoutTheHeldOne(items, b, d2);
    }

    /// @dev Without the held one the batch starts, keyed as the standard exit would key them.
    function _startWithoutTheHeldOne(MassExitGame.MassExitItem[] memory items, Block memory b, uint256 d2) internal {
        MassExitGame.MassExitItem[] memory three = new MassExitGame.MassExitItem[](3);
        for (uint256 i = 0; i < 3; ++i) three[i] = items[i];
        uint256 batchId = _startMass(alice, address(0), three);
        assertTrue(_heldBy(_key(b.txs[0]), 2, batchId), "child output held by the batch");
        assertTrue(_heldBy(bytes32(d2), 2, batchId), "deposit held by the batch under its position");
        Included memory inc0 = Included(b.blkNum, b.timestamp, bytes32(0), b.proofs[0]);
        vm.expectRevert(abi.encodeWithSelector(ExitController.OutputReserved.selector, _key(b.txs[0]), uint8(2), batchId));
        _startExit(alice, b.blkNum * Position.BLOCK_OFFSET, b.txs[0], inc0);
    }

    /// @dev The stored leaves hash is abi.encode of the leaves the event carries, computed here from the rules:
    ///      a batch across two deposits and a chained block withdraws with them, and with nothing else.
    function test_eventLeavesAreTheHashedLeaves() public {
        (uint256 d1, bytes memory t1, Included memory i1) = _depositEth(alice, 1 ether);
        Block memory b = _paymentBlock(_same(alice, 3), 50 * Position.BLOCK_OFFSET);
        MassExitGame.MassExitItem[] memory items = new MassExitGame.MassExitItem[](4);
        MassExitGame.MassExitLeaf[] memory leaves = new MassExitGame.MassExitLeaf[](4);
        items[0] = _depositItem(d1, t1, i1);
        leaves[0] = _depositLeaf(d1, alice, 1 ether);
        for (uint256 i = 0; i < 3; ++i) {
            items[1 + i] = _item(b, i);
            leaves[1 + i] = _leafOf(b, i, alice);
        }
        _chainProofs(items);
        uint256 exitableAt =
            b.timestamp + 2 * MEP > block.timestamp + MEP ? b.timestamp + 2 * MEP : block.timestamp + MEP;
        vm.expectEmit(true, true, true, true);
        emit MassExitGame.MassExitStarted(1, alice, address(0), exitableAt, items[3].position, leaves);
        uint256 batchId = _startMass(alice, address(0), items);
        (, uint256 at) = fw.nextExit(address(0));
        vm.warp(at);
        fw.processExits(address(0), 1);
        leaves[2].amount += 1;
        vm.expectRevert(abi.encodeWithSelector(MassExitGame.LeavesMismatch.selector, batchId));
        massGame.withdrawMassExit(batchId, leaves);
        leaves[2].amount -= 1;
        uint256 a0 = alice.balance;
        massGame.withdrawMassExit(batchId, leaves);
        assertEq(alice.balance, a0 + 1 ether + 3 * 0.01 ether + 3 gwei, "every leaf paid");
    }
}
