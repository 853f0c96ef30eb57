// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Merkle} from "../../src/lib/Merkle.sol";
import {CompressedProof} from "../../src/lib/CompressedProof.sol";
import {OutputKey} from "../../src/lib/OutputKey.sol";
import {PaymentOutputReader} from "../../src/lib/PaymentOutputReader.sol";

/// @notice Exposes the mass exit's libraries (which read calldata) as external calls for the vectors.
contract MassExitHarness {
    function rootFromCompressed(bytes32 leafHash, uint256 index, bytes calldata proof) external pure returns (bytes32) {
        return CompressedProof.rootFromProof(leafHash, index, proof, Merkle._zeroTable());
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
