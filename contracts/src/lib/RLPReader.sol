// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @title RLPReader
/// @notice Strict, canonical RLP decoding over memory (docs/protocol.md section 2.1).
/// @dev Every transaction must have exactly one encoding, otherwise two different byte strings (and two
///      different hashes and Merkle leaves) would name the same transaction. So this reader rejects
///      non-shortest lengths, single bytes wrapped in a string header, and trailing bytes, instead of
///      being lenient like most RLP readers.
library RLPReader {
    /// @notice The bytes are not canonical RLP, or do not have the expected shape.
    error MalformedRlp();

    /// @dev A decoded item: `ptr` is the memory address of its payload, `len` the payload length.
    struct Item {
        bool isList;
        uint256 ptr;
        uint256 len;
    }

    /// @notice Decodes the single top-level item of `b`; no bytes may follow it.
    function toItem(bytes memory b) internal pure returns (Item memory item) {
        uint256 start;
        assembly ("memory-safe") {
            start := add(b, 0x20)
        }
        uint256 end = start + b.length;
        uint256 next;
        (item, next) = _readItem(start, end);
        if (next != end) revert MalformedRlp();
    }

    /// @notice Splits a list into its items; reverts unless it has between `minItems` and `maxItems`.
    function toList(Item memory list, uint256 minItems, uint256 maxItems) internal pure returns (Item[] memory items) {
        if (!list.isList) revert MalformedRlp();
        items = new Item[](maxItems);
        uint256 ptr = list.ptr;
        uint256 end = ptr + list.len;
        uint256 count;
        while (ptr < end) {
            if (count == maxItems) revert MalformedRlp();
            (items[count], ptr) = _readItem(ptr, end);
            ++count;
        }
        if (count < minItems) revert MalformedRlp();
        // shrink the array in place to the number of items actually present
        assembly ("memory-safe") {
            mstore(items, count)
        }
    }

    /// @notice A canonical unsigned integer: at most 32 bytes, no leading zero byte, zero is the empty string.
    function toUint(Item memory item) internal pure returns (uint256 value) {
        if (item.isList || item.len > 32) revert MalformedRlp();
        if (item.len == 0) return 0;
        uint256 ptr = item.ptr;
        uint256 len = item.len;
        uint256 first;
        assembly ("memory-safe") {
            let word := mload(ptr)
            first := byte(0, word)
            value := shr(mul(8, sub(32, len)), word)
        }
        if (first == 0) revert MalformedRlp();
    }

    /// @notice A string of exactly 20 bytes read as an address.
    function toAddress(Item memory item) internal pure returns (address a) {
        if (item.isList || item.len != 20) revert MalformedRlp();
        uint256 ptr = item.ptr;
        assembly ("memory-safe") {
            a := shr(96, mload(ptr))
        }
    }

    /// @notice A string of exactly 32 bytes.
    function toBytes32(Item memory item) internal pure returns (bytes32 v) {
        if (item.isList || item.len != 32) revert MalformedRlp();
        uint256 ptr = item.ptr;
        assembly ("memory-safe") {
            v := mload(ptr)
        }
    }

    /// @dev Reads the header at `ptr` (which must lie before `end`) and returns the item and the address
    ///      just after it. Enforces the canonical (shortest) form of every header.
    function _readItem(uint256 ptr, uint256 end) private pure returns (Item memory item, uint256 next) {
        if (ptr >= end) revert MalformedRlp();
        uint256 b0;
        uint256 b1;
        assembly ("memory-safe") {
            let word := mload(ptr)
            b0 := byte(0, word)
            b1 := byte(1, word)
        }
        uint256 payload;
        uint256 len;
        if (b0 < 0x80) {
            // a single byte below 0x80 is its own encoding
            return (Item(false, ptr, 1), ptr + 1);
        } else if (b0 < 0xb8) {
            len = b0 - 0x80;
            payload = ptr + 1;
            // a lone byte below 0x80 must not carry a string header
            if (len == 1 && (payload >= end || b1 < 0x80)) revert MalformedRlp();
        } else if (b0 < 0xc0) {
            (len, payload) = _longLength(ptr, end, b0 - 0xb7);
        } else if (b0 < 0xf8) {
            item.isList = true;
            len = b0 - 0xc0;
            payload = ptr + 1;
        } else {
            item.isList = true;
            (len, payload) = _longLength(ptr, end, b0 - 0xf7);
        }
        if (payload > end || len > end - payload) revert MalformedRlp();
        item.ptr = payload;
        item.len = len;
        next = payload + len;
    }

    /// @dev Long-form length: `lenOfLen` big-endian bytes, no leading zero, and the length must need the
    ///      long form (more than 55), otherwise the short form was the canonical encoding.
    function _longLength(uint256 ptr, uint256 end, uint256 lenOfLen)
        private
        pure
        returns (uint256 len, uint256 payload)
    {
        payload = ptr + 1 + lenOfLen;
        // lengths above 4 bytes cannot fit in any calldata we accept anyway
        if (lenOfLen > 4 || payload > end) revert MalformedRlp();
        assembly ("memory-safe") {
            len := shr(mul(8, sub(32, lenOfLen)), mload(add(ptr, 1)))
        }
        if (len < 56 || len >> ((lenOfLen - 1) * 8) == 0) revert MalformedRlp();
    }
}
