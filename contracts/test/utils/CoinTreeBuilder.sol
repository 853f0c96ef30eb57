// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @notice A plain, level-by-level builder of the depth-64 sparse coin tree (docs/protocol.md 9.3) and of
///         compressed proofs, written independently of the contract's CoinTree so the two check each other.
library CoinTreeBuilder {
    uint256 internal constant DEPTH = 64;

    function node(bytes32 l, bytes32 r) internal pure returns (bytes32) {
        if (l == 0 && r == 0) return 0;
        return keccak256(abi.encodePacked(bytes1(0x01), l, r));
    }

    /// @notice Root of the tree with `leaves[k]` at `slots[k]`, and the compressed proof of `target`.
    function build(uint64[] memory slots, bytes32[] memory leaves, uint64 target)
        internal
        pure
        returns (bytes32 root, bytes memory proof)
    {
        uint256 n = slots.length;
        uint256[] memory idx = new uint256[](n);
        bytes32[] memory h = new bytes32[](n);
        for (uint256 k = 0; k < n; ++k) {
            idx[k] = slots[k];
            h[k] = leaves[k];
        }
        uint256 t = target;
        uint64 bitmap;
        bytes memory siblings;
        for (uint256 level = 0; level < DEPTH; ++level) {
            bytes32 sib = _find(idx, h, n, t ^ 1);
            if (sib != 0) {
                bitmap |= uint64(1) << level;
                siblings = bytes.concat(siblings, sib);
            }
            n = _up(idx, h, n);
            t >>= 1;
        }
        root = n == 0 ? bytes32(0) : h[0];
        proof = bytes.concat(bytes8(bitmap), siblings);
    }

    function root(uint64[] memory slots, bytes32[] memory leaves) internal pure returns (bytes32 r) {
        (r,) = build(slots, leaves, 0);
    }

    function _find(uint256[] memory idx, bytes32[] memory h, uint256 n, uint256 want) private pure returns (bytes32) {
        for (uint256 k = 0; k < n; ++k) {
            if (idx[k] == want) return h[k];
        }
        return 0;
    }

    /// @dev Replaces the first `n` (index, hash) pairs by their parents, in place; returns the parent count.
    function _up(uint256[] memory idx, bytes32[] memory h, uint256 n) private pure returns (uint256 m) {
        uint256[] memory pIdx = new uint256[](n);
        bytes32[] memory left = new bytes32[](n);
        bytes32[] memory right = new bytes32[](n);
        for (uint256 k = 0; k < n; ++k) {
            uint256 p = idx[k] >> 1;
            uint256 j = 0;
            while (j < m && pIdx[j] != p) ++j;
            if (j == m) {
                pIdx[m] = p;
                ++m;
            }
            if (idx[k] & 1 == 0) left[j] = h[k];
            else right[j] = h[k];
        }
        for (uint256 j = 0; j < m; ++j) {
            idx[j] = pIdx[j];
            h[j] = node(left[j], right[j]);
        }
    }
}
