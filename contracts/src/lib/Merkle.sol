// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @title Merkle
/// @notice The depth-16 transaction tree of docs/protocol.md section 3, with distinct leaf (0x00) and node
///         (0x01) salts so that an inner node can never be passed off as a leaf.
library Merkle {
    /// @notice An inclusion proof must be exactly 16 sibling hashes (512 bytes).
    error BadProofLength(uint256 length);

    uint256 internal constant DEPTH = 16;
    uint256 internal constant PROOF_LENGTH = 32 * DEPTH;

    /// @notice `keccak256(0x00 ‖ txBytes)`.
    function leaf(bytes memory txBytes) internal pure returns (bytes32 h) {
        assembly ("memory-safe") {
            // hash in place: temporarily overwrite the last byte of the length word with the 0x00 salt
            let len := mload(txBytes)
            let saltPtr := add(txBytes, 0x1f)
            let saved := mload(saltPtr)
            mstore8(add(txBytes, 0x1f), 0)
            h := keccak256(saltPtr, add(len, 1))
            mstore(saltPtr, saved)
        }
    }

    /// @notice `keccak256(0x01 ‖ left ‖ right)`.
    function node(bytes32 left, bytes32 right) internal pure returns (bytes32 h) {
        assembly ("memory-safe") {
            // scratch space past the free memory pointer: nothing is allocated
            let p := mload(0x40)
            mstore(p, shl(248, 1))
            mstore(add(p, 1), left)
            mstore(add(p, 33), right)
            h := keccak256(p, 65)
        }
    }

    /// @notice The root implied by `leafHash` at `index` and a 512-byte proof (siblings from the leaf up).
    function rootFromProof(bytes32 leafHash, uint256 index, bytes memory proof) internal pure returns (bytes32 h) {
        if (proof.length != PROOF_LENGTH) revert BadProofLength(proof.length);
        h = leafHash;
        for (uint256 i = 0; i < DEPTH; ++i) {
            bytes32 sibling;
            assembly ("memory-safe") {
                sibling := mload(add(add(proof, 0x20), shl(5, i)))
            }
            // bit i of the index says whether the running hash is the right child at level i
            h = (index >> i) & 1 == 1 ? node(sibling, h) : node(h, sibling);
        }
    }

    /// @notice The root of a tree whose only leaf, at index 0, is `leafHash` (a deposit block).
    /// @dev Uses precomputed empty-subtree hashes, so a deposit pays 16 hashes and no proof calldata.
    function singleLeafRoot(bytes32 leafHash) internal pure returns (bytes32 h) {
        bytes memory table = _zeroTable();
        h = leafHash;
        for (uint256 i = 0; i < DEPTH; ++i) {
            h = node(h, _word(table, i));
        }
    }

    /// @notice The root of the empty subtree of height `level`: `zero[0] = keccak256(0x00)`,
    ///         `zero[i+1] = node(zero[i], zero[i])`.
    function zeroHash(uint256 level) internal pure returns (bytes32) {
        if (level >= DEPTH) revert BadProofLength(level);
        return _word(_zeroTable(), level);
    }

    function _word(bytes memory table, uint256 i) private pure returns (bytes32 w) {
        assembly ("memory-safe") {
            w := mload(add(add(table, 0x20), shl(5, i)))
        }
    }

    /// @dev Copied from code once per use instead of 16 separate constants, which keeps the bytecode small.
    ///      Internal so that a caller verifying many proofs (lib/CompressedProof.sol) copies it once.
    function _zeroTable() internal pure returns (bytes memory table) {
        table = hex"bc36789e7a1e281436464229828f817d6612f7b477d66591ff96a9e064bcc98a"
            hex"6d11012f507d5c770232575322ada02affcb999d62e89ebf2d0dd391ae60976b"
            hex"1c05d5fb1caaec828c210855c781b832064772c898eae7f2b956d86a728c2fce"
            hex"5bf859768d20425c7818862488808cfdc5fb44dd5056e9d1d2d99c6ce243689a"
            hex"36044e2ca5e24e95310eeb507e14ff37c5bf57c44a5409eaad95f3ea8936327f"
            hex"d2ce52564fa215e110fe909adc68688c290712591f0c04c9616e095b13846768"
            hex"d0363c1a6cf445d0e14a27e770f7cadc78f674a194d4a485e8ecb19a2b9d7286"
            hex"19ea80c395d2a1ec1d4c5044ae0773e25b39a60f58b2e541b8f02d26b665a9c3"
            hex"b5656f74b09534a124b7fdff64466afae5b4aa93d4a215775b575a4ecb8961b2"
            hex"945e9308a622efe742cfbb97031b276a0cdbbed7cf97a393617462494159dcdd"
            hex"52b786f0a3ae12d380a7f2d4949f044f74ccfc83df226c3a047ff62b615e7f33"
            hex"88a4516b9a7e168814c76c91144e0d3c7eb7f9614c94b0e1eef0b257483c2f68"
            hex"a041e781665d9fb3004bc8b81102385ce904456ea5752dfc4ffd99dfc2d6113e"
            hex"322b304bd7c7fc54b3e69b87746a7c1c615ff5821e4a654abfa9d9f6eabc0c26"
            hex"909ccf256bcd5bcf8a0e4b07e2f63b13cdb6ef86b580d54d04683695dba2ab2d"
            hex"337b06193cc8d1c77aabc69040506259640aab88531512e05202194f30c5e4dd";
    }
}
