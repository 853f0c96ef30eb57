// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @title CoinTree
/// @notice The coin tree of a child block (docs/protocol.md section 9.3): a sparse Merkle tree of depth 64
///         keyed by slot, bit i of the slot picking the side at level i (leaf level 0, 0 = left). An empty
///         leaf is zero, and node(l, r) = 0 when both are zero, else keccak256(0x01 ‖ l ‖ r), so empty
///         subtrees cost nothing and a proof lists only its non-zero siblings: an 8-byte big-endian bitmap
///         (bit i set ⇔ the sibling at level i is non-zero), then those siblings, lowest level first.
/// @dev A set bit whose sibling is zero still proves the same root if the caller's root agrees; encoders
///      never produce one, and the length rule below holds either way.
library CoinTree {
    /// @notice The proof is shorter than its bitmap or its length disagrees with the bitmap.
    error BadCoinProof(uint256 length);

    uint256 internal constant DEPTH = 64;

    /// @notice The root implied by `leaf` at `slot` and a compressed proof.
    function rootFromProof(uint64 slot, bytes32 leaf, bytes calldata proof) internal pure returns (bytes32 h) {
        if (proof.length < 8) revert BadCoinProof(proof.length);
        uint256 cursor;
        uint256 end;
        assembly ("memory-safe") {
            end := add(proof.offset, proof.length)
            let bitmap := shr(192, calldataload(proof.offset))
            cursor := add(proof.offset, 8)
            h := leaf
            let p := mload(0x40)
            mstore8(p, 1)
            for { let i := 0 } lt(i, 64) { i := add(i, 1) } {
                let sibling := 0
                if and(shr(i, bitmap), 1) {
                    sibling := calldataload(cursor)
                    cursor := add(cursor, 32)
                }
                // two empty children make an empty node, without hashing
                if or(h, sibling) {
                    // the node's own hash goes right (offset 33) when the slot's bit i is set, else left (1)
                    let right := shl(5, and(shr(i, slot), 1))
                    mstore(add(p, add(1, right)), h)
                    mstore(add(p, sub(33, right)), sibling)
                    h := keccak256(p, 65)
                }
            }
        }
        // siblings read past the end were zeros from calldataload; the proof is rejected here either way
        if (cursor != end) revert BadCoinProof(proof.length);
    }
}
