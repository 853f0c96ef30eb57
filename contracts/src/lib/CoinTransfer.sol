// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @title CoinTransfer
/// @notice The only Plasma Cash transaction (docs/protocol.md section 9.2): 36 bytes, slot (8 bytes
///         big-endian) ‖ prevBlock (8 bytes BE) ‖ newOwner (20 bytes). prevBlock is the block that includes
///         the coin's previous transfer, or the coin's origin block; it makes every transfer block-specific,
///         so a transfer of an earlier ownership period can never be replayed.
library CoinTransfer {
    /// @notice Transfer bytes of any length other than 36.
    error BadCoinTx(uint256 length);

    uint256 internal constant LENGTH = 36;

    /// @notice EIP-712 type of a transfer, signed under the framework's domain by the coin's owner as of
    ///         prevBlock.
    bytes32 internal constant TYPEHASH = keccak256("CoinTransfer(uint64 slot,uint64 prevBlock,address newOwner)");

    struct Transfer {
        uint64 slot;
        uint64 prevBlock;
        address newOwner;
    }

    /// @notice Splits 36 transfer bytes into their fields.
    function decode(bytes calldata txBytes) internal pure returns (Transfer memory t) {
        if (txBytes.length != LENGTH) revert BadCoinTx(txBytes.length);
        uint256 w0;
        uint256 w1;
        assembly ("memory-safe") {
            w0 := calldataload(txBytes.offset)
            w1 := calldataload(add(txBytes.offset, 16))
        }
        t.slot = uint64(w0 >> 192);
        t.prevBlock = uint64(w0 >> 128);
        t.newOwner = address(uint160(w1 >> 96));
    }

    /// @notice The 36 transfer bytes of `t`.
    function encode(Transfer memory t) internal pure returns (bytes memory) {
        return abi.encodePacked(t.slot, t.prevBlock, t.newOwner);
    }

    /// @notice `hashStruct(CoinTransfer)`.
    function structHash(Transfer memory t) internal pure returns (bytes32) {
        return keccak256(abi.encode(TYPEHASH, t.slot, t.prevBlock, t.newOwner));
    }

    /// @notice Leaf of a transfer in the coin tree: keccak256(0x00 ‖ txBytes).
    function leafHash(bytes calldata txBytes) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(bytes1(0x00), txBytes));
    }
}
