// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "./utils/Test.sol";
import {TxEncoder} from "./utils/TxEncoder.sol";
import {PaymentTx} from "../src/lib/PaymentTx.sol";
import {PaymentOutputReader} from "../src/lib/PaymentOutputReader.sol";
import {Position} from "../src/lib/Position.sol";

/// @dev Reads the first `len` bytes of `blob` as the transaction, so the bytes after it in calldata (the rest of
///      `blob`) are attacker-chosen, as the next item's bytes are in a mass exit.
contract TailHarness {
    error ReadersDisagree();

    function readOutput(bytes calldata blob, uint256 len, uint256 outputIndex)
        external
        pure
        returns (address owner, address token, uint256 amount, uint256 inputCount, uint256 outputCount)
    {
        return PaymentOutputReader.readOutput(blob[:len], outputIndex);
    }

    function decode(bytes memory txBytes) external pure returns (PaymentTx.Transaction memory) {
        return PaymentTx.decode(txBytes);
    }
}

/// @notice `readOutput` (one-pass path and fallback) against `PaymentTx.decode` on crafted edges, with
///         attacker-chosen calldata right after the transaction. These pass: what was checked and found sound.
contract ReaderEdgesTest is Test {
    TailHarness internal th;

    function setUp() public {
        th = new TailHarness();
    }

    function _agreeWithTail(bytes memory txBytes, bytes memory tail, uint256 o) internal view returns (bool) {
        bool decodeOk;
        PaymentTx.Transaction memory t;
        try th.decode(txBytes) returns (PaymentTx.Transaction memory d) {
            decodeOk = true;
            t = d;
        } catch {}
        try th.readOutput(abi.encodePacked(txBytes, tail), txBytes.length, o) returns (
            address owner, address token, uint256 amount, uint256 inputCount, uint256 outputCount
        ) {
            assertTrue(decodeOk, "readOutput accepted what decode rejects");
            assertEq(inputCount, t.inputs.length, "inputs");
            assertEq(outputCount, t.outputs.length, "outputs");
            if (o < t.outputs.length) {
                assertEq(owner, t.outputs[o].owner, "owner");
                assertEq(token, t.outputs[o].token, "token");
                assertEq(amount, t.outputs[o].amount, "amount");
            } else {
                assertEq(owner, address(0), "owner beyond");
                assertEq(amount, 0, "amount beyond");
            }
            return true;
        } catch {
            assertTrue(!decodeOk, "readOutput rejected what decode accepts");
            return false;
        }
    }

    function _one(uint256 input, uint256 amount) internal pure returns (bytes memory) {
        uint256[] memory ins = new uint256[](input == 0 ? 0 : 1);
        if (input != 0) ins[0] = input;
        TxEncoder.Out[] memory outs = new TxEncoder.Out[](1);
        outs[0] = TxEncoder.Out(address(0xA11CE), address(0), amount);
        return TxEncoder.encodeTx(1, ins, outs, bytes32(uint256(7)));
    }

    function test_positionAndAmountEdges() public view {
        bytes memory tail = abi.encodePacked(bytes32(type(uint256).max), bytes32(type(uint256).max));
        // positions are blkNum * 1e6 + txIndex * 10 + outputIndex (Position.sol); the last two read the other
        // way under a 1e9 / 1e4 layout (block 1000 tx 66 is no position here, block 1 output 51 is one)
        uint256[11] memory inputs = [
            uint256(1_000_000), // the smallest position
            999_999, // block 0
            1_000_003,
            1_000_004, // output index 4
            1_655_353, // tx index 65535, output index 3
            1_655_360, // tx index 65536
            (1 << 63) - 1, // tx index 77580
            9_223_372_036_854_655_353, // the largest position
            1 << 63,
            1_000_000_660_000, // block 1_000_000, tx index 66000
            1_000_000_051 // block 1000, tx index 5, output index 1
        ];
        bool[11] memory valid = [true, false, true, false, true, false, false, true, false, false, true];
        for (uint256 i = 0; i < inputs.length; ++i) {
            assertTrue(_agreeWithTail(_one(inputs[i], 1), tail, 0) == valid[i], "position edge");
        }
        uint256[6] memory amounts = [uint256(1), 0x7f, 0x80, (1 << 192) - 1, 1 << 192, 1 << 184];
        bool[6] memory ok = [true, true, true, true, false, true];
        for (uint256 i = 0; i < amounts.length; ++i) {
            assertTrue(_agreeWithTail(_one(5 * Position.BLOCK_OFFSET, amounts[i]), tail, 0) == ok[i], "amount edge");
            assertTrue(_agreeWithTail(_one(0, amounts[i]), tail, 0) == ok[i], "deposit amount edge");
        }
    }

    /// @dev A valid transaction cut at every length, followed by the bytes it lost (and more): never accepted.
    function test_truncatedTransactionCompletedByTheNextCalldata() public view {
        bytes memory full = TxEncoder.randomValidTx(42);
        for (uint256 len = 0; len < full.length; ++len) {
            bytes memory cut = new bytes(len);
            bytes memory rest = new bytes(full.length - len + 64);
            for (uint256 k = 0; k < full.length; ++k) {
                if (k < len) cut[k] = full[k];
                else rest[k - len] = full[k];
            }
            assertTrue(!_agreeWithTail(cut, rest, 0), "a cut transaction");
        }
        assertTrue(_agreeWithTail(full, "", 0), "the whole one");
    }

    /// @dev Random valid transactions, mutated, with random bytes after them in calldata.
    function testFuzz_mutatedWithTail(uint256 seed, uint256 at, uint8 value, uint8 how, bytes memory tail) public view {
        bytes memory txBytes = TxEncoder.randomValidTx(seed);
        uint256 i = at % txBytes.length;
        if (how % 3 == 0) {
            txBytes[i] = bytes1(value);
        } else if (how % 3 == 1) {
            // a length byte nudged: headers that claim more or less than is there
            unchecked {
                txBytes[i] = bytes1(uint8(txBytes[i]) + (value % 2 == 0 ? 1 : 255));
            }
        }
        for (uint256 o = 0; o < 5; ++o) _agreeWithTail(txBytes, tail, o);
    }
}
