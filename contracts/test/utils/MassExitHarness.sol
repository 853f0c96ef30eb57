// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Merkle} from "../../src/lib/Merkle.sol";
import {CompressedProof} from "../../src/lib/CompressedProof.sol";
import {BatchProof} from "../../src/lib/BatchProof.sol";
import {OutputKey} from "../../src/lib/OutputKey.sol";
import {PaymentOutputReader} from "../../src/lib/PaymentOutputReader.sol";

/// @notice Exposes the mass exit's libraries (which read calldata) as external calls for the vectors.
contract MassExitHarness {
    function rootFromCompressed(bytes32 leafHash, uint256 index, bytes calldata proof) external pure returns (bytes32) {
        return CompressedProof.rootFromProof(leafHash, index, proof, Merkle._zeroTable());
    }

    /// @notice Walks the leaves of one block in order, each proof chained to the one before it, as
    ///         startMassExit does; `roots[i]` is the root item i implies, zero when its path joined the kept one.
    function walkChained(bytes32[] calldata leaves, uint256[] calldata indices, bytes[] calldata proofs)
        external
        pure
        returns (bytes32[] memory roots)
    {
        bytes memory zeros = Merkle._zeroTable();
        bytes memory path = new bytes(32 * Merkle.DEPTH);
        roots = new bytes32[](leaves.length);
        for (uint256 i = 0; i < leaves.length; ++i) {
            roots[i] = _step(leaves[i], indices[i], proofs[i], zeros, path, i == 0 ? BatchProof.NONE : indices[i - 1]);
        }
    }

    function _step(bytes32 leaf, uint256 index, bytes calldata proof, bytes memory zeros, bytes memory path, uint256 prev)
        private
        pure
        returns (bytes32)
    {
        (bytes32 root, bool joined) = BatchProof.walk(leaf, index, proof, zeros, path, prev, true);
        return joined ? bytes32(0) : root;
    }

    function compress(bytes memory fullProof) external pure returns (bytes memory) {
        return CompressedProof.compress(fullProof);
    }

    function outputKey(bytes memory txBytes, bool hasInputs, uint256 position, uint256 outputIndex)
        external
        pure
        returns (bytes32)
    {
        return OutputKey.compute(txBytes, hasInputs, position, outputIndex);
    }

    function inputCount(bytes calldata txBytes, uint256 outputIndex) external pure returns (uint256) {
        return PaymentOutputReader.read(txBytes, outputIndex).inputCount;
    }
}
