// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "./utils/Test.sol";
import {LibHarness} from "./utils/LibHarness.sol";
import {TxEncoder} from "./utils/TxEncoder.sol";
import {RLPReader} from "../src/lib/RLPReader.sol";
import {PaymentTx} from "../src/lib/PaymentTx.sol";
import {Position} from "../src/lib/Position.sol";

contract RlpTest is Test {
    LibHarness internal h;

    function setUp() public {
        h = new LibHarness();
    }

    function test_uint_canonicalForms() public view {
        assertEq(h.decodeUint(hex"80"), 0, "zero");
        assertEq(h.decodeUint(hex"7f"), 0x7f, "single byte");
        assertEq(h.decodeUint(hex"8180"), 0x80, "short string");
        assertEq(h.decodeUint(hex"820400"), 0x400, "two bytes");
    }

    function test_uint_rejectsNonCanonical() public {
        bytes[5] memory bad = [bytes(hex"00"), hex"8105", hex"820001", hex"b80100", hex"c0"];
        for (uint256 i = 0; i < bad.length; ++i) {
            vm.expectRevert(RLPReader.MalformedRlp.selector);
            h.decodeUint(bad[i]);
        }
        // 33 bytes is too long for a uint
        vm.expectRevert(RLPReader.MalformedRlp.selector);
        h.decodeUint(abi.encodePacked(hex"a1", bytes1(0x01), bytes32(0)));
    }

    function test_rejectsTrailingBytesTruncationAndLongFormForShortLengths() public {
        vm.expectRevert(RLPReader.MalformedRlp.selector);
        h.listLength(hex"c10100");
        vm.expectRevert(RLPReader.MalformedRlp.selector);
        h.listLength(hex"c30101");
        vm.expectRevert(RLPReader.MalformedRlp.selector);
        h.listLength(hex"f8020101"); // long form for a 2-byte payload
        vm.expectRevert(RLPReader.MalformedRlp.selector);
        h.listLength(hex"");
        assertEq(h.listLength(hex"c20101"), 2, "ok list");
    }

    function test_tx_rejectsInvalidShapes() public {
        TxEncoder.Out[] memory outs = new TxEncoder.Out[](1);
        outs[0] = TxEncoder.Out(address(1), address(0), 1);
        uint256[] memory dup = new uint256[](2);
        dup[0] = 5 * Position.BLOCK_OFFSET;
        dup[1] = 5 * Position.BLOCK_OFFSET;
        uint256[] memory zero = new uint256[](1);
        uint256[] memory five = new uint256[](5);
        for (uint256 i = 0; i < 5; ++i) five[i] = (i + 1) * Position.BLOCK_OFFSET;
        TxEncoder.Out[] memory zeroOwner = new TxEncoder.Out[](1);
        zeroOwner[0] = TxEncoder.Out(address(0), address(0), 1);
        TxEncoder.Out[] memory zeroAmount = new TxEncoder.Out[](1);
        zeroAmount[0] = TxEncoder.Out(address(1), address(0), 0);
        TxEncoder.Out[] memory twoOuts = new TxEncoder.Out[](2);
        twoOuts[0] = outs[0];
        twoOuts[1] = outs[0];
        uint256[] memory one = new uint256[](1);
        one[0] = Position.BLOCK_OFFSET;

        vm.expectRevert(PaymentTx.MalformedTx.selector);
        h.decodeTx(TxEncoder.encodeTx(1, dup, outs, 0));
        vm.expectRevert(abi.encodeWithSelector(PaymentTx.InvalidInputPosition.selector, 0));
        h.decodeTx(TxEncoder.encodeTx(1, zero, outs, 0));
        vm.expectRevert(RLPReader.MalformedRlp.selector);
        h.decodeTx(TxEncoder.encodeTx(1, five, outs, 0));
        vm.expectRevert(PaymentTx.MalformedTx.selector);
        h.decodeTx(TxEncoder.encodeTx(1, one, zeroOwner, 0));
        vm.expectRevert(PaymentTx.MalformedTx.selector);
        h.decodeTx(TxEncoder.encodeTx(1, one, zeroAmount, 0));
        vm.expectRevert(abi.encodeWithSelector(PaymentTx.DepositNotOneOutput.selector, 2));
        h.decodeTx(TxEncoder.encodeTx(1, new uint256[](0), twoOuts, 0)); // deposit with two outputs
        vm.expectRevert(PaymentTx.MalformedTx.selector);
        h.decodeTx(TxEncoder.encodeTx(2, one, outs, 0)); // fee tx with an input
        vm.expectRevert(PaymentTx.MalformedTx.selector);
        h.decodeTx(TxEncoder.encodeTx(0, one, outs, 0));
        vm.expectRevert(RLPReader.MalformedRlp.selector);
        h.decodeTx(TxEncoder.encodeTx(1, one, new TxEncoder.Out[](0), 0));
        // metadata must be exactly 32 bytes
        vm.expectRevert(RLPReader.MalformedRlp.selector);
        h.decodeTx(hex"df01c101d9d80194000000000000000000000000000000000000000180800180");
    }

    function testFuzz_txRoundTrip(uint256 a, uint256 b, address owner, address token, uint256 amount, bytes32 meta)
        public
        view
    {
        a = bound(a, Position.BLOCK_OFFSET, type(uint64).max >> 1);
        b = bound(b, Position.BLOCK_OFFSET, type(uint64).max >> 1);
        amount = bound(amount, 1, (1 << 192) - 1);
        // a position: output index at most 3, tx index at most 65535
        a = a - a % Position.BLOCK_OFFSET + a % Position.BLOCK_OFFSET / Position.TX_OFFSET % 65_536 * Position.TX_OFFSET + a % 4;
        b = b - b % Position.BLOCK_OFFSET + b % Position.BLOCK_OFFSET / Position.TX_OFFSET % 65_536 * Position.TX_OFFSET + b % 4;
        vm.assume(a != b && owner != address(0));
        uint256[] memory ins = new uint256[](2);
        ins[0] = a;
        ins[1] = b;
        TxEncoder.Out[] memory outs = new TxEncoder.Out[](2);
        outs[0] = TxEncoder.Out(owner, token, amount);
        outs[1] = TxEncoder.Out(owner, token, 1);
        PaymentTx.Transaction memory t = h.decodeTx(TxEncoder.encodeTx(1, ins, outs, meta));
        assertEq(t.inputs[0], a, "in0");
        assertEq(t.inputs[1], b, "in1");
        assertEq(t.outputs[0].owner, owner, "owner");
        assertEq(t.outputs[0].token, token, "token");
        assertEq(t.outputs[0].amount, amount, "amount");
        assertEq(t.metadata, meta, "meta");
    }

    function testFuzz_depositTxBytesMatchEncoder(address owner, address token, uint256 amount) public view {
        assertEq(h.depositTxBytes(owner, token, amount), TxEncoder.deposit(owner, token, amount), "deposit bytes");
    }

    function testFuzz_uintRoundTrip(uint256 v) public view {
        assertEq(h.decodeUint(TxEncoder.encodeUint(v)), v, "uint");
    }

    /// @dev Random bytes either fail to decode or are exactly the canonical encoding of what they decode to.
    function testFuzz_randomBytesDecodeOnlyIfCanonical(bytes memory junk) public view {
        try h.decodeTx(junk) returns (PaymentTx.Transaction memory t) {
            TxEncoder.Out[] memory outs = new TxEncoder.Out[](t.outputs.length);
            for (uint256 i = 0; i < outs.length; ++i) {
                outs[i] = TxEncoder.Out(t.outputs[i].owner, t.outputs[i].token, t.outputs[i].amount);
            }
            assertEq(TxEncoder.encodeTx(t.txType, t.inputs, outs, t.metadata), junk, "canonical");
        } catch {}
    }

    function testFuzz_positionRoundTrip(uint256 blkNum, uint256 txIndex, uint256 outputIndex) public view {
        blkNum = bound(blkNum, 1, 9_000_000_000);
        txIndex = bound(txIndex, 0, 65_535);
        outputIndex = bound(outputIndex, 0, 3);
        uint256 p = h.encodePosition(blkNum, txIndex, outputIndex);
        (uint256 b, uint256 t, uint256 o) = h.decodePosition(p);
        assertEq(b, blkNum, "blk");
        assertEq(t, txIndex, "tx");
        assertEq(o, outputIndex, "out");
    }

    function test_position_rejectsOutOfRange() public {
        vm.expectRevert(abi.encodeWithSelector(Position.InvalidPosition.selector, Position.BLOCK_OFFSET + 70_000 * Position.TX_OFFSET));
        h.decodePosition(Position.BLOCK_OFFSET + 70_000 * Position.TX_OFFSET);
        vm.expectRevert(abi.encodeWithSelector(Position.InvalidPosition.selector, uint256(1) << 63));
        h.decodePosition(uint256(1) << 63);
    }
}
