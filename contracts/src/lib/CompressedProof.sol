// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Merkle} from "./Merkle.sol";

/// @title CompressedProof
/// @notice Inclusion proofs for the depth-16 transaction tree (lib/Merkle.sol) that leave out the siblings
///         which are empty subtrees (docs/protocol.md 7.1). Format: a 2-byte big-endian bitmap, bit i set
///         when the sibling at level i (leaf level 0) is NOT `Merkle.zeroHash(i)`, then those non-empty
///         siblings, 32 bytes each, lowest level first. A leaf of a 16-transaction block needs 2 + 4 × 32
///         bytes instead of 512; a deposit block (one leaf) needs only `0x0000`.
/// @dev A set bit whose sibling happens to equal the empty-subtree hash still proves the same root, so
///      such a proof is accepted; encoders (Java `CompressedProof`) never produce one.
library CompressedProof {
    /// @notice The proof is shorter than its bitmap or its length disagrees with the bitmap.
    error BadCompressedProof(uint256 length);

    /// @notice The root implied by `leafHash` at `index` and a compressed proof.
    /// @param zeros `Merkle._zeroTable()`, passed in so that a caller verifying many proofs copies it once.
    function rootFromProof(bytes32 leafHash, uint256 index, bytes calldata proof, bytes memory zeros)
        internal
        pure
        returns (bytes32 h)
    {
        if (proof.length < 2) revert BadCompressedProof(proof.length);
        uint256 end;
        uint256 cursor;
        assembly ("memory-safe") {
            end := add(proof.offset, proof.length)
            let bitmap := shr(240, calldataload(proof.offset))
            cursor := add(proof.offset, 2)
            h := leafHash
            // node = keccak256(0x01 ‖ left ‖ right), built in scratch memory past the free memory pointer
            let p := mload(0x40)
            mstore8(p, 1)
            for { let i := 0 } lt(i, 16) { i := add(i, 1) } {
                let sibling
                switch and(shr(i, bitmap), 1)
                case 1 {
                    sibling := calldataload(cursor)
                    cursor := add(cursor, 32)
                }
                default { sibling := mload(add(add(zeros, 0x20), shl(5, i))) }
                switch and(shr(i, index), 1)
                case 1 {
                    mstore(add(p, 1), sibling)
                    mstore(add(p, 33), h)
                }
                default {
                    mstore(add(p, 1), h)
                    mstore(add(p, 33), sibling)
                }
                h := keccak256(p, 65)
            }
        }
        // siblings read past the end were zeros from calldataload; the proof is rejected here either way
        if (cursor != end) revert BadCompressedProof(proof.length);
    }

    /// @notice Compresses a 512-byte proof (16 siblings, leaf level first) into the format above.
    function compress(bytes memory fullProof) internal pure returns (bytes memory out) {
        if (fullProof.length != Merkle.PROOF_LENGTH) revert Merkle.BadProofLength(fullProof.length);
        bytes memory zeros = Merkle._zeroTable();
        uint256 bitmap;
        bytes memory siblings;
        for (uint256 i = 0; i < Merkle.DEPTH; ++i) {
            bytes32 sibling = _word(fullProof, i);
            if (sibling != _word(zeros, i)) {
                bitmap |= 1 << i;
                siblings = abi.encodePacked(siblings, sibling);
            }
        }
        out = abi.encodePacked(uint16(bitmap), siblings);
    }

    function _word(bytes memory b, uint256 i) private pure returns (bytes32 w) {
        assembly ("memory-safe") {
            w := mload(add(add(b, 0x20), shl(5, i)))
        }
    }
}
