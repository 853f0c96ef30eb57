// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {RLPReader} from "../../src/lib/RLPReader.sol";
import {PaymentTx} from "../../src/lib/PaymentTx.sol";
import {Merkle} from "../../src/lib/Merkle.sol";
import {Position} from "../../src/lib/Position.sol";

/// @notice Exposes the internal libraries as external calls, so tests can expect their reverts.
contract LibHarness {
    using RLPReader for RLPReader.Item;

    function decodeTx(bytes memory txBytes) external pure returns (PaymentTx.Transaction memory) {
        return PaymentTx.decode(txBytes);
    }

    function decodeUint(bytes memory b) external pure returns (uint256) {
        return RLPReader.toItem(b).toUint();
    }

    function listLength(bytes memory b) external pure returns (uint256) {
        return RLPReader.toItem(b).toList(0, 100).length;
    }

    function depositTxBytes(address owner, address token, uint256 amount) external pure returns (bytes memory) {
        return PaymentTx.depositTxBytes(owner, token, amount);
    }

    function leaf(bytes memory txBytes) external pure returns (bytes32) {
        return Merkle.leaf(txBytes);
    }

    function rootFromProof(bytes32 leafHash, uint256 index, bytes memory proof) external pure returns (bytes32) {
        return Merkle.rootFromProof(leafHash, index, proof);
    }

    function singleLeafRoot(bytes32 leafHash) external pure returns (bytes32) {
        return Merkle.singleLeafRoot(leafHash);
    }

    function encodePosition(uint256 blkNum, uint256 txIndex, uint256 outputIndex) external pure returns (uint256) {
        return Position.encode(blkNum, txIndex, outputIndex);
    }

    function decodePosition(uint256 position) external pure returns (uint256, uint256, uint256) {
        return Position.decode(position);
    }
}
