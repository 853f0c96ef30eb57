// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @notice Builds coin transfers (docs/protocol.md 9.2) independently of the contract's library, so the tests
///         check the contract against a second encoding.
library CoinEncoder {
    bytes32 internal constant TYPEHASH = keccak256("CoinTransfer(uint64 slot,uint64 prevBlock,address newOwner)");

    /// @dev slot (8 bytes BE) ‖ prevBlock (8 bytes BE) ‖ newOwner (20 bytes).
    function transfer(uint64 slot, uint64 prevBlock, address newOwner) internal pure returns (bytes memory) {
        return abi.encodePacked(bytes8(slot), bytes8(prevBlock), bytes20(newOwner));
    }

    function structHash(uint64 slot, uint64 prevBlock, address newOwner) internal pure returns (bytes32) {
        return keccak256(abi.encode(TYPEHASH, uint256(slot), uint256(prevBlock), newOwner));
    }

    function leaf(bytes memory txBytes) internal pure returns (bytes32) {
        return keccak256(bytes.concat(bytes1(0x00), txBytes));
    }

    function slotOf(bytes memory txBytes) internal pure returns (uint64 s) {
        for (uint256 i = 0; i < 8; ++i) s = (s << 8) | uint64(uint8(txBytes[i]));
    }

    function prevBlockOf(bytes memory txBytes) internal pure returns (uint64 b) {
        for (uint256 i = 8; i < 16; ++i) b = (b << 8) | uint64(uint8(txBytes[i]));
    }

    function newOwnerOf(bytes memory txBytes) internal pure returns (address a) {
        uint160 v;
        for (uint256 i = 16; i < 36; ++i) v = (v << 8) | uint160(uint8(txBytes[i]));
        a = address(v);
    }
}
