// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "./utils/Test.sol";
import {CoinHarness} from "./utils/CoinHarness.sol";
import {CoinTreeBuilder} from "./utils/CoinTreeBuilder.sol";
import {CoinEncoder} from "./utils/CoinEncoder.sol";
import {CoinTransfer} from "../src/lib/CoinTransfer.sol";
import {CoinTree} from "../src/lib/CoinTree.sol";

/// @notice The contract's coin libraries against the test's independent tree builder and encoder.
contract CoinTreeTest is Test {
    CoinHarness internal h;

    function setUp() public {
        h = new CoinHarness();
    }

    /// @dev Every present slot proves its leaf, and every absent neighbour proves zero, in random trees.
    function testFuzz_builderAndLibraryAgree(uint64[6] memory raw, uint64 absent) public view {
        uint64[] memory slots = new uint64[](6);
        bytes32[] memory leaves = new bytes32[](6);
        for (uint256 i = 0; i < 6; ++i) {
            // distinct slots: a duplicate would overwrite a leaf
            slots[i] = raw[i] ^ uint64(i << 60);
            for (uint256 j = 0; j < i; ++j) vm.assume(slots[i] != slots[j]);
            leaves[i] = CoinEncoder.leaf(CoinEncoder.transfer(slots[i], 999, address(uint160(i + 1))));
        }
        for (uint256 i = 0; i < 6; ++i) vm.assume(absent != slots[i]);
        bytes32 root = CoinTreeBuilder.root(slots, leaves);
        for (uint256 i = 0; i < 6; ++i) {
            (, bytes memory proof) = CoinTreeBuilder.build(slots, leaves, slots[i]);
            assertEq(h.rootFromProof(slots[i], leaves[i], proof), root, "inclusion");
            assertTrue(h.rootFromProof(slots[i], 0, proof) != root, "a present slot is not excluded");
        }
        (, bytes memory exclusion) = CoinTreeBuilder.build(slots, leaves, absent);
        assertEq(h.rootFromProof(absent, 0, exclusion), root, "exclusion");
    }

    function test_singleLeafTreeHasEmptyProof() public view {
        uint64[] memory slots = new uint64[](1);
        bytes32[] memory leaves = new bytes32[](1);
        slots[0] = type(uint64).max;
        leaves[0] = keccak256("leaf");
        (bytes32 root, bytes memory proof) = CoinTreeBuilder.build(slots, leaves, slots[0]);
        assertEq(proof, hex"0000000000000000", "no non-zero sibling");
        assertEq(h.rootFromProof(slots[0], leaves[0], proof), root, "root");
    }

    function test_emptyTreeRootIsZero() public view {
        assertEq(h.rootFromProof(5, 0, hex"0000000000000000"), bytes32(0), "empty");
    }

    function test_rootFromProof_rejectsShortBitmap() public {
        vm.expectRevert(abi.encodeWithSelector(CoinTree.BadCoinProof.selector, uint256(7)));
        h.rootFromProof(0, 0, hex"00000000000000");
    }

    function test_rootFromProof_rejectsMissingSibling() public {
        // bitmap announces one sibling, none follows
        vm.expectRevert(abi.encodeWithSelector(CoinTree.BadCoinProof.selector, uint256(8)));
        h.rootFromProof(0, 0, hex"0000000000000001");
    }

    function test_rootFromProof_acceptsExplicitZeroSibling() public view {
        bytes32 leaf = keccak256("leaf");
        // bit 0 set with a zero sibling: the node is keccak(0x01 ‖ leaf ‖ 0), the same as omitting it
        bytes memory explicitZero = bytes.concat(bytes8(uint64(1)), bytes32(0));
        assertEq(h.rootFromProof(0, leaf, explicitZero), h.rootFromProof(0, leaf, hex"0000000000000000"), "same");
    }

    function test_transferDecode_rejectsWrongLength() public {
        vm.expectRevert(abi.encodeWithSelector(CoinTransfer.BadCoinTx.selector, uint256(35)));
        h.decode(new bytes(35));
    }

    function test_transferEncodingIsBigEndian() public view {
        bytes memory b = h.encode(0x0102030405060708, 0x1112131415161718, address(0xAbCd));
        assertEq(b, hex"01020304050607081112131415161718000000000000000000000000000000000000abcd", "bytes");
    }
}
