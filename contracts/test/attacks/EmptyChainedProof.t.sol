// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {MassExitTestBase} from "../utils/MassExitTestBase.sol";
import {MassExitGame} from "../../src/games/MassExitGame.sol";
import {CompressedProof} from "../../src/lib/CompressedProof.sol";
import {Position} from "../../src/lib/Position.sol";

/// @notice docs/protocol.md 7.1: every compressed proof, chained or not, has length 2 + 32 · popcount(bitmap)
///         "otherwise the proof is rejected (BadCompressedProof)". BatchProof._lengthOf returns 0 for a proof
///         shorter than its bitmap, so an empty proof passes the length check of the chained walk, and the walk
///         then reads its bitmap (and any siblings it names) from the calldata that follows the proof.
///         Fails on purpose while the fault stands.
contract EmptyChainedProofTest is MassExitTestBase {
    function setUp() public override {
        super.setUp();
        _fundVault(50 ether);
    }

    function _twoOfOneBlock() internal returns (MassExitGame.MassExitItem[] memory items) {
        Block memory b = _paymentBlock(_same(alice, 2), 50 * Position.BLOCK_OFFSET);
        items = new MassExitGame.MassExitItem[](2);
        items[0] = _item(b, 0);
        items[1] = _item(b, 1);
        _chainProofs(items);
    }

    /// @dev The second leaf of a block, chained after the first: its chained proof is the bare bitmap 0x0000.
    ///      The empty byte string in its place must be refused like any proof shorter than its bitmap.
    function test_emptyChainedProofIsRefused() public {
        MassExitGame.MassExitItem[] memory items = _twoOfOneBlock();
        assertEq(items[1].proof.length, 2, "the honest chained proof is the bitmap alone");
        items[1].proof = "";
        vm.expectRevert(abi.encodeWithSelector(CompressedProof.BadCompressedProof.selector, 0));
        _startMass(alice, address(0), items);
    }

    /// @dev The same for the first leaf of a block that keeps its path (a later item of its block follows):
    ///      it walks through BatchProof too, and a one-byte proof is refused there, an empty one must be as well.
    function test_emptyProofOfAPathKeepingFirstLeafIsRefused() public {
        MassExitGame.MassExitItem[] memory items = _twoOfOneBlock();
        items[0].proof = hex"00";
        vm.expectRevert(abi.encodeWithSelector(CompressedProof.BadCompressedProof.selector, 1));
        _startMass(alice, address(0), items);
        items[0].proof = "";
        vm.expectRevert(abi.encodeWithSelector(CompressedProof.BadCompressedProof.selector, 0));
        _startMass(alice, address(0), items);
    }
}
