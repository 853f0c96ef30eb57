// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "./utils/Test.sol";
import {ReaderHarness} from "./PaymentOutputReader.t.sol";
import {PaymentTx} from "../src/lib/PaymentTx.sol";
import {PaymentOutputReader} from "../src/lib/PaymentOutputReader.sol";
import {RLPReader} from "../src/lib/RLPReader.sol";
import {ExitAmount} from "../src/lib/ExitAmount.sol";
import {BlockController} from "../src/framework/BlockController.sol";

/// @notice The block numbering alone, to read its constants.
contract BlockNumbering is BlockController {
    constructor() BlockController(address(1)) {}
}

/// @notice The differential decoding corpus (test/vectors/decoding.json, written by the Java core's
///         DecodingCorpus from a fixed seed): valid transactions, transactions that break one rule each,
///         and random byte mutations. `PaymentTx.decode` and `PaymentOutputReader.read` must each reach the
///         Java decoder's verdict, and for accepted bytes decode the same fields.
contract DecodingCorpusTest is Test {
    uint256 internal constant ACCEPTED = 0;
    uint256 internal constant REJECTED = 1;
    uint256 internal constant INVALID_INPUT_POSITION = 2;
    uint256 internal constant DEPOSIT_NOT_ONE_OUTPUT = 3;
    uint256 internal constant AMOUNT_TOO_LARGE = 4;

    ReaderHarness internal h;

    function setUp() public {
        h = new ReaderHarness();
    }

    function test_bothDecodersReachTheJavaVerdicts() public view {
        string memory json = vm.readFile("test/vectors/decoding.json");
        uint256[] memory verdicts = vm.parseJsonUintArray(json, ".verdicts");
        bytes[] memory hashes = vm.parseJsonBytesArray(json, ".fieldsHash");
        bytes[] memory txs = vm.parseJsonBytesArray(json, ".txBytes");
        assertEq(verdicts.length, vm.parseJsonUint(json, ".count"), "count");
        assertEq(txs.length, verdicts.length, "one verdict per transaction");
        uint256[5] memory seen;
        for (uint256 i = 0; i < txs.length; ++i) {
            _check(i, txs[i], verdicts[i], bytes32(hashes[i]));
            ++seen[verdicts[i]];
        }
        for (uint256 v = 0; v < 5; ++v) assertTrue(seen[v] > 100, "every verdict is well represented");
    }

    /// @dev The operator and the wallet stop at the same last child block as the framework.
    function test_javaKnowsTheLastChildBlock() public {
        string memory json = vm.readFile("test/vectors/decoding.json");
        assertEq(vm.parseJsonUint(json, ".lastChildBlock"), new BlockNumbering().LAST_CHILD_BLOCK(), "last child block");
    }

    function _check(uint256 i, bytes memory txBytes, uint256 verdict, bytes32 fieldsHash) internal view {
        string memory at = string.concat("case ", vm.toString(i));
        try h.decode(txBytes) returns (PaymentTx.Transaction memory t) {
            assertEq(verdict, ACCEPTED, string.concat(at, ": decode accepted what Java rejects"));
            assertEq(_fieldsHash(t), fieldsHash, string.concat(at, ": decoded fields"));
            for (uint256 o = 0; o < t.outputs.length; ++o) _checkRead(at, txBytes, o, t);
        } catch (bytes memory err) {
            _checkError(at, err, verdict);
            try h.read(txBytes, 0) returns (PaymentOutputReader.Read memory) {
                revert(string.concat(at, ": the reader accepted what Java rejects"));
            } catch (bytes memory readErr) {
                _checkError(at, readErr, verdict);
            }
        }
    }

    function _checkRead(string memory at, bytes memory txBytes, uint256 o, PaymentTx.Transaction memory t)
        internal
        view
    {
        PaymentOutputReader.Read memory r = h.read(txBytes, o);
        assertEq(r.inputCount, t.inputs.length, string.concat(at, ": input count"));
        assertEq(r.outputCount, t.outputs.length, string.concat(at, ": output count"));
        assertEq(r.output.owner, t.outputs[o].owner, string.concat(at, ": owner"));
        assertEq(r.output.token, t.outputs[o].token, string.concat(at, ": token"));
        assertEq(r.output.amount, t.outputs[o].amount, string.concat(at, ": amount"));
    }

    /// @dev "Rejected" takes any decoding error: a random mutation may break several rules, which the
    ///      decoders need not check in the same order. Each named rule's verdict takes its own error only.
    function _checkError(string memory at, bytes memory err, uint256 verdict) internal pure {
        uint256 got = _verdictOf(err);
        assertTrue(verdict != ACCEPTED, string.concat(at, ": rejected what Java accepts"));
        if (verdict != REJECTED) assertEq(got, verdict, string.concat(at, ": the error"));
    }

    /// @dev The corpus code of a decoder's revert; any other revert (a panic, no data) fails the test.
    function _verdictOf(bytes memory err) internal pure returns (uint256) {
        bytes4 s = bytes4(err);
        if (s == PaymentTx.InvalidInputPosition.selector) return INVALID_INPUT_POSITION;
        if (s == PaymentTx.DepositNotOneOutput.selector) return DEPOSIT_NOT_ONE_OUTPUT;
        if (s == ExitAmount.AmountTooLarge.selector) return AMOUNT_TOO_LARGE;
        require(s == RLPReader.MalformedRlp.selector || s == PaymentTx.MalformedTx.selector, "not a decoding error");
        require(err.length == 4, "a malformed-input error carries no data");
        return REJECTED;
    }

    function _fieldsHash(PaymentTx.Transaction memory t) internal pure returns (bytes32) {
        bytes memory w = abi.encode(t.txType, t.inputs.length);
        for (uint256 k = 0; k < t.inputs.length; ++k) w = bytes.concat(w, abi.encode(t.inputs[k]));
        w = bytes.concat(w, abi.encode(t.outputs.length));
        for (uint256 k = 0; k < t.outputs.length; ++k) {
            PaymentTx.Output memory o = t.outputs[k];
            w = bytes.concat(w, abi.encode(o.outputType, o.owner, o.token, o.amount));
        }
        return keccak256(bytes.concat(w, t.metadata));
    }
}
