// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {RLPReader} from "./RLPReader.sol";
import {Position} from "./Position.sol";
import {ExitAmount} from "./ExitAmount.sol";

/// @title PaymentTx
/// @notice Decoding and validation of payment (type 1) and fee (type 2) transactions, docs/protocol.md 2.1.
/// @dev Validation here is exactly the Java core's, so that a transaction the operator accepts always
///      decodes on chain and a malformed one never does.
library PaymentTx {
    using RLPReader for RLPReader.Item;

    /// @notice The bytes are canonical RLP but not a valid transaction (bad type, counts, owner, amount...).
    error MalformedTx();
    /// @notice An input that names no possible output (block 0, tx index or output index out of range,
    ///         or beyond the largest position): no block could hold what it spends.
    error InvalidInputPosition(uint256 input);
    /// @notice A payment without inputs is a deposit, and a deposit has exactly one output.
    error DepositNotOneOutput(uint256 outputCount);

    uint256 internal constant TX_TYPE_PAYMENT = 1;
    uint256 internal constant TX_TYPE_FEE = 2;
    uint256 internal constant OUTPUT_TYPE_PAYMENT = 1;
    uint256 internal constant MAX_INPUTS = 4;
    uint256 internal constant MAX_OUTPUTS = 4;

    struct Output {
        uint256 outputType;
        address owner;
        address token;
        uint256 amount;
    }

    struct Transaction {
        uint256 txType;
        uint256[] inputs;
        Output[] outputs;
        bytes32 metadata;
    }

    /// @notice Decodes and validates `txBytes`; reverts with MalformedRlp or MalformedTx.
    function decode(bytes memory txBytes) internal pure returns (Transaction memory t) {
        RLPReader.Item[] memory fields = RLPReader.toItem(txBytes).toList(4, 4);
        t.txType = fields[0].toUint();
        RLPReader.Item[] memory ins = fields[1].toList(0, MAX_INPUTS);
        RLPReader.Item[] memory outs = fields[2].toList(1, MAX_OUTPUTS);
        t.metadata = fields[3].toBytes32();

        // rule order (docs/protocol.md 2.1), shared with PaymentOutputReader and the Java decoder: type,
        // inputs in order, a fee transaction's inputs, outputs in order, a deposit's output count
        if (t.txType != TX_TYPE_PAYMENT && t.txType != TX_TYPE_FEE) revert MalformedTx();

        t.inputs = new uint256[](ins.length);
        for (uint256 i = 0; i < ins.length; ++i) {
            uint256 input = ins[i].toUint();
            if (!Position.isValid(input)) revert InvalidInputPosition(input);
            for (uint256 j = 0; j < i; ++j) {
                if (t.inputs[j] == input) revert MalformedTx();
            }
            t.inputs[i] = input;
        }
        if (t.txType == TX_TYPE_FEE && ins.length != 0) revert MalformedTx();

        t.outputs = new Output[](outs.length);
        for (uint256 i = 0; i < outs.length; ++i) {
            RLPReader.Item[] memory o = outs[i].toList(4, 4);
            Output memory out = Output(o[0].toUint(), o[1].toAddress(), o[2].toAddress(), o[3].toUint());
            if (out.outputType != OUTPUT_TYPE_PAYMENT || out.owner == address(0) || out.amount == 0) {
                revert MalformedTx();
            }
            // every exit game can pay every output that decodes
            ExitAmount.check(out.amount);
            t.outputs[i] = out;
        }
        if (t.txType == TX_TYPE_PAYMENT && ins.length == 0 && outs.length != 1) {
            revert DepositNotOneOutput(outs.length);
        }
    }

    /// @notice The RLP bytes of the deposit transaction `[1, [], [[1, owner, token, amount]], 0x00*32]`.
    /// @dev Built by the contract (docs/protocol.md section 4), so a depositor cannot claim an output that
    ///      does not match what the vault received.
    function depositTxBytes(address owner, address token, uint256 amount) internal pure returns (bytes memory) {
        bytes memory amountRlp = _uintRlp(amount);
        // output = [0x01, 0x94 owner, 0x94 token, amount]
        bytes memory output = abi.encodePacked(
            bytes1(0x01), bytes1(0x94), owner, bytes1(0x94), token, amountRlp
        );
        bytes memory outputs = _listRlp(_listRlp(output));
        return _listRlp(abi.encodePacked(bytes1(0x01), bytes1(0xc0), outputs, bytes1(0xa0), bytes32(0)));
    }

    /// @dev Canonical RLP of a uint: zero is 0x80, below 0x80 is the byte itself, else a short string.
    function _uintRlp(uint256 v) private pure returns (bytes memory) {
        if (v == 0) return hex"80";
        if (v < 0x80) return abi.encodePacked(uint8(v));
        uint256 len = 0;
        for (uint256 x = v; x != 0; x >>= 8) ++len;
        bytes memory out = new bytes(len + 1);
        out[0] = bytes1(uint8(0x80 + len));
        for (uint256 i = 0; i < len; ++i) {
            out[len - i] = bytes1(uint8(v >> (8 * i)));
        }
        return out;
    }

    /// @dev Wraps an encoded payload in a list header; payloads here are always below 256 bytes.
    function _listRlp(bytes memory payload) private pure returns (bytes memory) {
        if (payload.length < 56) return abi.encodePacked(bytes1(uint8(0xc0 + payload.length)), payload);
        return abi.encodePacked(bytes1(0xf8), uint8(payload.length), payload);
    }
}
