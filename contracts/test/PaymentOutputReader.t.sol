// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "./utils/Test.sol";
import {TxEncoder} from "./utils/TxEncoder.sol";
import {PaymentTx} from "../src/lib/PaymentTx.sol";
import {RLPReader} from "../src/lib/RLPReader.sol";
import {PaymentOutputReader} from "../src/lib/PaymentOutputReader.sol";
import {Position} from "../src/lib/Position.sol";

contract ReaderHarness {
    /// @notice The two readers disagree (`readOutput` took its one-pass path and `read` differs).
    error ReadersDisagree();

    /// @dev `read` and `readOutput` (which the mass exit game uses) on the same bytes: a rejection is
    ///      `read`'s own (readOutput falls back to it), an acceptance must be the same by both.
    function read(bytes calldata txBytes, uint256 outputIndex)
        external
        pure
        returns (PaymentOutputReader.Read memory r)
    {
        (address owner, address token, uint256 amount, uint256 inputCount, uint256 outputCount) =
            PaymentOutputReader.readOutput(txBytes, outputIndex);
        r = PaymentOutputReader.read(txBytes, outputIndex);
        if (
            owner != r.output.owner || token != r.output.token || amount != r.output.amount
                || inputCount != r.inputCount || outputCount != r.outputCount
        ) revert ReadersDisagree();
    }

    /// @dev The one-pass path alone: `counts` is 0 when it declined the bytes.
    function readCommon(bytes calldata txBytes, uint256 outputIndex)
        external
        pure
        returns (address owner, address token, uint256 amount, uint256 counts)
    {
        return PaymentOutputReader._readCommon(txBytes, outputIndex);
    }

    function decode(bytes memory txBytes) external pure returns (PaymentTx.Transaction memory) {
        return PaymentTx.decode(txBytes);
    }
}

/// @notice The calldata reader of the mass exit game accepts exactly what PaymentTx.decode accepts and
///         reads the same output: shared vectors, hand-made malformed encodings, and fuzzed mutations.
contract PaymentOutputReaderTest is Test {
    ReaderHarness internal h;

    function setUp() public {
        h = new ReaderHarness();
    }

    /// @dev Both readers on the same bytes: same verdict, and if accepted the same output and counts.
    function _agree(bytes memory txBytes, uint256 outputIndex) internal view returns (bool accepted) {
        bool decodeOk;
        PaymentTx.Transaction memory t;
        try h.decode(txBytes) returns (PaymentTx.Transaction memory decoded) {
            decodeOk = true;
            t = decoded;
        } catch {}
        try h.read(txBytes, outputIndex) returns (PaymentOutputReader.Read memory r) {
            assertTrue(decodeOk, "reader accepted what decode rejects");
            assertEq(r.inputCount, t.inputs.length, "input count");
            assertEq(r.outputCount, t.outputs.length, "output count");
            if (outputIndex < t.outputs.length) {
                PaymentTx.Output memory o = t.outputs[outputIndex];
                assertEq(r.output.outputType, o.outputType, "output type");
                assertEq(r.output.owner, o.owner, "owner");
                assertEq(r.output.token, o.token, "token");
                assertEq(r.output.amount, o.amount, "amount");
            } else {
                assertEq(r.output.owner, address(0), "no output beyond the count");
            }
            return true;
        } catch {
            assertTrue(!decodeOk, "reader rejected what decode accepts");
            return false;
        }
    }

    function _tx(uint256 nIn, uint256 nOut, uint256 seed) internal pure returns (bytes memory) {
        uint256[] memory ins = new uint256[](nIn);
        for (uint256 i = 0; i < nIn; ++i) {
            ins[i] = (seed % 9e12 + 1) * Position.BLOCK_OFFSET + i * Position.TX_OFFSET + i;
        }
        TxEncoder.Out[] memory outs = new TxEncoder.Out[](nOut);
        for (uint256 i = 0; i < nOut; ++i) {
            outs[i] = TxEncoder.Out(
                address(uint160(uint256(keccak256(abi.encode(seed, i))))),
                i % 2 == 0 ? address(0) : address(uint160(seed | 1)),
                ((seed >> (i * 8)) >> 64) | 1
            );
        }
        return TxEncoder.encodeTx(1, ins, outs, bytes32(seed));
    }

    function test_vectorTransactionsAgree() public view {
        string memory json = vm.readFile("test/vectors/vectors.json");
        uint256 n = vm.parseJsonUint(json, ".transactionCount");
        for (uint256 i = 0; i < n; ++i) {
            bytes memory txBytes = vm.parseJsonBytes(
                json, string.concat(".transactions[", vm.toString(i), "].txBytes")
            );
            for (uint256 o = 0; o < 5; ++o) assertTrue(_agree(txBytes, o), "vector accepted");
        }
    }

    function test_shapesAgree() public view {
        for (uint256 nIn = 0; nIn <= 4; ++nIn) {
            for (uint256 nOut = 1; nOut <= 4; ++nOut) {
                bool valid = nIn != 0 || nOut == 1;
                assertTrue(_agree(_tx(nIn, nOut, 77 + nIn * 5 + nOut), 0) == valid, "shape verdict");
            }
        }
    }

    function test_handMadeMalformedAgree() public view {
        bytes memory good = _tx(1, 2, 12345);
        assertTrue(_agree(good, 1), "good");
        assertTrue(!_agree(abi.encodePacked(good, hex"00"), 0), "trailing byte");
        assertTrue(!_agree(hex"", 0), "empty");
        assertTrue(!_agree(hex"c0", 0), "empty list");
        assertTrue(!_agree(hex"c3010203ff", 0), "garbage");
        uint256[] memory dup = new uint256[](2);
        dup[0] = 5 * Position.BLOCK_OFFSET;
        dup[1] = 5 * Position.BLOCK_OFFSET;
        TxEncoder.Out[] memory outs = new TxEncoder.Out[](1);
        outs[0] = TxEncoder.Out(address(1), address(0), 1);
        assertTrue(!_agree(TxEncoder.encodeTx(1, dup, outs, bytes32(0)), 0), "duplicate input");
        uint256[] memory zero = new uint256[](1);
        assertTrue(!_agree(TxEncoder.encodeTx(1, zero, outs, bytes32(0)), 0), "zero input");
        assertTrue(!_agree(TxEncoder.encodeTx(3, new uint256[](0), outs, bytes32(0)), 0), "type 3");
        uint256[] memory one = new uint256[](1);
        one[0] = Position.BLOCK_OFFSET;
        assertTrue(!_agree(TxEncoder.encodeTx(2, one, outs, bytes32(0)), 0), "fee tx with an input");
        assertTrue(_agree(TxEncoder.encodeTx(2, new uint256[](0), outs, bytes32(0)), 0), "fee tx");
        outs[0].amount = 0;
        assertTrue(!_agree(TxEncoder.encodeTx(1, one, outs, bytes32(0)), 0), "zero amount");
        outs[0].amount = 1;
        outs[0].owner = address(0);
        assertTrue(!_agree(TxEncoder.encodeTx(1, one, outs, bytes32(0)), 0), "zero owner");
        uint256[] memory five = new uint256[](5);
        for (uint256 i = 0; i < 5; ++i) five[i] = Position.BLOCK_OFFSET + i;
        outs[0].owner = address(1);
        assertTrue(!_agree(TxEncoder.encodeTx(1, five, outs, bytes32(0)), 0), "five inputs");
    }

    function test_readerRevertsWithTheDecoderErrors() public {
        vm.expectRevert(RLPReader.MalformedRlp.selector);
        h.read(hex"c3010203ff", 0);
        TxEncoder.Out[] memory outs = new TxEncoder.Out[](1);
        outs[0] = TxEncoder.Out(address(1), address(0), 1);
        bytes memory badType = TxEncoder.encodeTx(3, new uint256[](0), outs, bytes32(0));
        vm.expectRevert(PaymentTx.MalformedTx.selector);
        h.read(badType, 0);
    }

    /// @dev One byte of a valid transaction replaced: both readers must still agree.
    function testFuzz_mutatedByteAgrees(uint8 nIn, uint8 nOut, uint256 seed, uint256 at, uint8 value) public view {
        bytes memory txBytes = _tx(bound(nIn, 0, 4), bound(nOut, 1, 4), seed);
        txBytes[at % txBytes.length] = bytes1(value);
        _agree(txBytes, bound(at, 0, 3));
    }

    /// @dev A valid transaction cut short or extended: both readers must still agree.
    function testFuzz_resizedAgrees(uint8 nIn, uint8 nOut, uint256 seed, uint256 cut, bytes memory extra) public view {
        bytes memory txBytes = _tx(bound(nIn, 1, 4), bound(nOut, 1, 4), seed);
        uint256 len = cut % (txBytes.length + 1);
        bytes memory resized = new bytes(len);
        for (uint256 i = 0; i < len; ++i) resized[i] = txBytes[i];
        _agree(abi.encodePacked(resized, extra), 0);
    }

    /// @dev The one-pass path of `readOutput` against `PaymentTx.decode`: whatever it accepts, decode accepts
    ///      with the same output and counts, and it declines nothing an honest encoder produces.
    function _commonAgrees(bytes memory txBytes, uint256 outputIndex) internal view returns (bool accepted) {
        (address owner, address token, uint256 amount, uint256 counts) = h.readCommon(txBytes, outputIndex);
        if (counts == 0) return false;
        PaymentTx.Transaction memory t = h.decode(txBytes); // reverts (fails the test) if decode rejects
        assertEq(counts & 0xff, t.inputs.length, "input count");
        assertEq(counts >> 8, t.outputs.length, "output count");
        if (outputIndex < t.outputs.length) {
            assertEq(owner, t.outputs[outputIndex].owner, "owner");
            assertEq(token, t.outputs[outputIndex].token, "token");
            assertEq(amount, t.outputs[outputIndex].amount, "amount");
        } else {
            assertEq(owner, address(0), "no output beyond the count");
            assertEq(amount, 0, "no amount beyond the count");
        }
        return true;
    }

    /// @dev Random valid transactions: the one-pass path accepts every one of 255 bytes or fewer (the
    ///      encodings it covers) and agrees with decode and with `read` on each output index.
    function testFuzz_onePassReaderAgreesOnValidTransactions(uint256 seed) public view {
        bytes memory txBytes = TxEncoder.randomValidTx(seed);
        for (uint256 o = 0; o < 4; ++o) {
            bool accepted = _commonAgrees(txBytes, o);
            assertTrue(_agree(txBytes, o), "valid transaction accepted");
            // every output list short (amounts up to 11 bytes) and the whole under 256 bytes: the common path
            if (txBytes.length <= 257 && _shortOutputs(txBytes)) assertTrue(accepted, "common encoding taken");
        }
    }

    /// @dev Random valid transactions with one byte replaced, one byte inserted or removed, or cut: the
    ///      one-pass path accepts only what decode accepts, and `readOutput` agrees with `read` throughout.
    function testFuzz_onePassReaderAgreesOnMutatedTransactions(uint256 seed, uint256 at, uint8 value, uint8 how)
        public
        view
    {
        bytes memory txBytes = TxEncoder.randomValidTx(seed);
        uint256 i = at % txBytes.length;
        bytes memory m;
        if (how % 4 == 0) {
            m = txBytes;
            m[i] = bytes1(value);
        } else if (how % 4 == 1) {
            m = new bytes(txBytes.length + 1);
            for (uint256 k = 0; k < m.length; ++k) m[k] = k < i ? txBytes[k] : k == i ? bytes1(value) : txBytes[k - 1];
        } else if (how % 4 == 2) {
            m = new bytes(txBytes.length - 1);
            for (uint256 k = 0; k < m.length; ++k) m[k] = k < i ? txBytes[k] : txBytes[k + 1];
        } else {
            m = new bytes(i);
            for (uint256 k = 0; k < i; ++k) m[k] = txBytes[k];
        }
        for (uint256 o = 0; o < 4; ++o) {
            bool accepted = _commonAgrees(m, o);
            bool agreed = _agree(m, o);
            if (accepted) assertTrue(agreed, "one-pass acceptance is an acceptance");
        }
    }

    /// @dev Whether every output of a transaction from `TxEncoder.randomValidTx` has a short list header (payload < 56).
    function _shortOutputs(bytes memory txBytes) internal view returns (bool) {
        PaymentTx.Transaction memory t = h.decode(txBytes);
        for (uint256 i = 0; i < t.outputs.length; ++i) {
            if (43 + TxEncoder.encodeUint(t.outputs[i].amount).length >= 56) return false;
        }
        return true;
    }
}
