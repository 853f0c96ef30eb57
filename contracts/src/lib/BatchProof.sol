// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {CompressedProof} from "./CompressedProof.sol";

/// @title BatchProof
/// @notice Inclusion proofs for the outputs of one block in a mass exit, each proof chained to the one
///         before it (docs/protocol.md 7.1, chained proofs). A batch's items are sorted by position, so the
///         transactions of one block come in tree order. The previous item's path (its node at every level,
///         already proven to reach the block's commitment) is kept, and a proof may leave out:
///         - every sibling from the level where its path joins the kept path (the same node position): the
///           node there must equal the kept node, which proves the rest of the way to the root;
///         - the sibling that is the kept path's own node (a left sibling whose parent is on the kept path).
///         The proof is in the compressed format (lib/CompressedProof.sol): a bitmap and the siblings it
///         names. A sibling left out is taken from the kept path; one given anyway is used as given (a plain
///         compressed proof is therefore still accepted). For the 16 transactions of a 16-transaction
///         block the chained proofs hold 15 siblings and cost about 2 hashes per leaf, against 64 siblings
///         and 16 hashes per leaf.
/// @dev Sound because every node of the kept path was hashed up to a root that matched the commitment (or
///      equals a node that was): a node at the same position is then the tree's node there, so a leaf whose
///      hashes reach it is in the tree at its index; a wrong sibling makes the join check fail.
library BatchProof {
    /// @notice At the level where the path joins the kept path its node is not the kept node: the leaf is
    ///         not in the block at that index.
    error PathMismatch(uint256 index, uint256 level);

    /// @notice `prevIndex` of a block's first leaf: no path is kept yet.
    uint256 internal constant NONE = type(uint256).max;

    /// @notice Walks `leafHash` at `index` up the tree and, unless it is a lone leaf (`prevIndex == NONE` and
    ///         not `keepPath`), leaves this leaf's path in `path` (16 words).
    /// @param prevIndex the index of the leaf of the same block whose proven path `path` holds
    ///        (`prevIndex <= index`), or `NONE` for a block's first leaf, whose `root` the caller must then
    ///        check against the commitment
    /// @param keepPath whether a later leaf of the same block follows (a lone leaf keeps no path)
    /// @return root the root the proof implies (only when not `joined`)
    /// @return joined true when the path joined the kept one: the leaf is proven in the same block
    function walk(
        bytes32 leafHash,
        uint256 index,
        bytes calldata proof,
        bytes memory zeros,
        bytes memory path,
        uint256 prevIndex,
        bool keepPath
    ) internal pure returns (bytes32 root, bool joined) {
        if (prevIndex == NONE && !keepPath) return (CompressedProof.rootFromProof(leafHash, index, proof, zeros), false);
        if (proof.length != _lengthOf(proof)) revert CompressedProof.BadCompressedProof(proof.length);
        // a block's first leaf walks against NONE, an index no leaf has: it never joins nor borrows
        uint256 level;
        (root, level) = _walk(leafHash, index, proof, zeros, path, prevIndex);
        joined = level < 16;
        // the node where the path joins must be the kept one (siblings named above it go unused)
        if (joined && bytes32(_word(path, level)) != root) revert PathMismatch(index, level);
    }

    /// @dev The length a proof with this bitmap has: 2 + 32 × the number of siblings it names (16-bit
    ///      population count, at most 16, so no overflow), or 2^256 - 1 (no proof's length, an empty one's
    ///      included) when not even the bitmap is there.
    function _lengthOf(bytes calldata proof) private pure returns (uint256 length) {
        assembly ("memory-safe") {
            length := not(0)
            if gt(proof.length, 1) {
                let bitmap := shr(240, calldataload(proof.offset))
                let count := sub(bitmap, and(shr(1, bitmap), 0x5555))
                count := add(and(count, 0x3333), and(shr(2, count), 0x3333))
                count := and(add(count, shr(4, count)), 0x0f0f)
                count := and(add(count, shr(8, count)), 0x1f)
                length := add(2, shl(5, count))
            }
        }
    }

    /// @dev Walks up until the path joins the kept one (`level` 16 if it never does), keeping this leaf's
    ///      nodes in `path`, and returns the node at the joining level (or the root).
    function _walk(
        bytes32 leafHash,
        uint256 index,
        bytes calldata proof,
        bytes memory zeros,
        bytes memory path,
        uint256 prevIndex
    ) private pure returns (bytes32 h, uint256 level) {
        assembly ("memory-safe") {
            let bitmap := shr(240, calldataload(proof.offset))
            let cursor := add(proof.offset, 2)
            h := leafHash
            let p := mload(0x40)
            mstore8(p, 1)
            let slot := add(path, 0x20)
            for {} lt(level, 16) { level := add(level, 1) } {
                let up := shr(level, index)
                if eq(up, shr(level, prevIndex)) { break }
                let sibling := mload(add(add(zeros, 0x20), shl(5, level)))
                switch and(shr(level, bitmap), 1)
                case 1 {
                    sibling := calldataload(cursor)
                    cursor := add(cursor, 32)
                }
                default {
                    // a left sibling under the kept path's parent is the kept path's node here
                    if and(up, eq(shr(1, up), shr(add(level, 1), prevIndex))) { sibling := mload(slot) }
                }
                mstore(slot, h)
                let hAt := shl(5, and(up, 1))
                mstore(add(p, add(1, hAt)), h)
                mstore(add(p, sub(33, hAt)), sibling)
                h := keccak256(p, 65)
                slot := add(slot, 32)
            }
        }
    }

    function _word(bytes memory b, uint256 i) private pure returns (uint256 w) {
        assembly ("memory-safe") {
            w := mload(add(add(b, 0x20), shl(5, i)))
        }
    }
}
