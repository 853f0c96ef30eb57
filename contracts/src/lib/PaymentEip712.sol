// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {PaymentTx} from "./PaymentTx.sol";

/// @title PaymentEip712
/// @notice EIP-712 struct hash of a transaction (docs/protocol.md section 2.3). It is standard
///         eth_signTypedData_v4, so any wallet can show what it signs. The domain part lives in
///         OpenZeppelin's EIP712, inherited by the exit game.
library PaymentEip712 {
    bytes32 internal constant OUTPUT_TYPEHASH =
        keccak256("Output(uint256 outputType,address owner,address token,uint256 amount)");
    bytes32 internal constant TX_TYPEHASH = keccak256(
        "Transaction(uint256 txType,uint256[] inputs,Output[] outputs,bytes32 metadata)"
        "Output(uint256 outputType,address owner,address token,uint256 amount)"
    );

    /// @notice `hashStruct(Transaction)`.
    function hashTx(PaymentTx.Transaction memory t) internal pure returns (bytes32) {
        bytes32[] memory outputHashes = new bytes32[](t.outputs.length);
        for (uint256 i = 0; i < t.outputs.length; ++i) {
            PaymentTx.Output memory o = t.outputs[i];
            outputHashes[i] = keccak256(abi.encode(OUTPUT_TYPEHASH, o.outputType, o.owner, o.token, o.amount));
        }
        return keccak256(
            abi.encode(
                TX_TYPEHASH,
                t.txType,
                keccak256(abi.encodePacked(t.inputs)),
                keccak256(abi.encodePacked(outputHashes)),
                t.metadata
            )
        );
    }
}
