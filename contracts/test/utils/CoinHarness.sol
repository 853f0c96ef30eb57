// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";
import {CoinTransfer} from "../../src/lib/CoinTransfer.sol";
import {CoinTree} from "../../src/lib/CoinTree.sol";

/// @notice Exposes the coin libraries with calldata arguments, as the cash game calls them.
contract CoinHarness {
    function decode(bytes calldata txBytes) external pure returns (CoinTransfer.Transfer memory) {
        return CoinTransfer.decode(txBytes);
    }

    function encode(uint64 slot, uint64 prevBlock, address newOwner) external pure returns (bytes memory) {
        return CoinTransfer.encode(CoinTransfer.Transfer(slot, prevBlock, newOwner));
    }

    function structHash(bytes calldata txBytes) external pure returns (bytes32) {
        return CoinTransfer.structHash(CoinTransfer.decode(txBytes));
    }

    function leafHash(bytes calldata txBytes) external pure returns (bytes32) {
        return CoinTransfer.leafHash(txBytes);
    }

    /// @dev The digest the game recovers signers from (ExitGameBase._recover).
    function digest(bytes32 domainSeparator, bytes calldata txBytes) external pure returns (bytes32) {
        return MessageHashUtils.toTypedDataHash(domainSeparator, CoinTransfer.structHash(CoinTransfer.decode(txBytes)));
    }

    function rootFromProof(uint64 slot, bytes32 leaf, bytes calldata proof) external pure returns (bytes32) {
        return CoinTree.rootFromProof(slot, leaf, proof);
    }
}
