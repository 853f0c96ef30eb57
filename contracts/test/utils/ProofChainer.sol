// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @notice Chains compressed proofs as lib/BatchProof.sol reads them (and Java's core.exit.ChainedProof writes
///         them), written here from the format's rules for the tests.
library ProofChainer {
    /// @dev The proof of the leaf at `index` after the leaf at `prevIndex` of the same block: a sibling is kept
    ///      only below the level where the two paths join, and not where it is the previous path's own node
    ///      (a left sibling under a shared parent).
    function chain(bytes memory compressed, uint256 index, uint256 prevIndex) internal pure returns (bytes memory) {
        uint256 bitmap = (uint256(uint8(compressed[0])) << 8) | uint8(compressed[1]);
        uint256 kept;
        bytes memory siblings;
        uint256 next;
        for (uint256 i = 0; i < 16; ++i) {
            if (index >> i == prevIndex >> i) break;
            if ((bitmap >> i) & 1 == 0) continue;
            bytes32 sibling;
            assembly {
                sibling := mload(add(add(compressed, 34), shl(5, next)))
            }
            ++next;
            if ((index >> i) & 1 == 1 && index >> (i + 1) == prevIndex >> (i + 1)) continue;
            kept |= 1 << i;
            siblings = abi.encodePacked(siblings, sibling);
        }
        return abi.encodePacked(uint16(kept), siblings);
    }
}
