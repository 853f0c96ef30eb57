// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {MassExitTestBase} from "./utils/MassExitTestBase.sol";
import {TxEncoder} from "./utils/TxEncoder.sol";
import {ProofChainer} from "./utils/ProofChainer.sol";
import {MassExitGame} from "../src/games/MassExitGame.sol";
import {BatchProof} from "../src/lib/BatchProof.sol";
import {ExitGameBase} from "../src/games/ExitGameBase.sol";
import {CompressedProof} from "../src/lib/CompressedProof.sol";
import {Position} from "../src/lib/Position.sol";

/// @notice Review: chained proofs (lib/BatchProof.sol) never prove a leaf that is not in the committed tree at
///         the index its position names. Every start below must revert and reserve nothing.
contract ChainedProofSoundnessTest is MassExitTestBase {
    Block internal blk;
    Block internal other;

    function setUp() public override {
        super.setUp();
        _fundVault(50 ether);
        blk = _paymentBlock(_same(alice, 4), 50 * Position.BLOCK_OFFSET);
        vm.warp(block.timestamp + 100);
        other = _paymentBlock(_same(alice, 4), 60 * Position.BLOCK_OFFSET);
    }

    /// @dev Items 0 and 1 of `blk` (real, chained) followed by `extra`.
    function _prefixed(MassExitGame.MassExitItem memory extra)
        internal
        view
        returns (MassExitGame.MassExitItem[] memory items)
    {
        items = new MassExitGame.MassExitItem[](3);
        items[0] = _item(blk, 0);
        items[1] = _item(blk, 1);
        items[1].proof = ProofChainer.chain(items[1].proof, 1, 0);
        items[2] = extra;
    }

    function _expectNothingReserved(MassExitGame.MassExitItem[] memory items) internal view {
        (uint256 reservedFirst,,) = _reservation(keccak256(abi.encode(keccak256(items[0].txBytes), uint256(0))));
        assertEq(reservedFirst, 0, "nothing reserved");
        (address initiator,,,,,,) = massGame.massExits(1);
        assertEq(initiator, address(0), "no batch stored");
    }

    function _reservation(bytes32 key) internal view returns (uint256 reserved, uint8 kind, uint256 id) {
        bool r;
        (r, kind, id) = fw.outputReservation(key);
        reserved = r ? 1 : 0;
    }

    /// @dev Sanity: the honest chained batch of the four leaves starts.
    function test_control_chainedBatchOfTheBlockStarts() public {
        MassExitGame.MassExitItem[] memory items = new MassExitGame.MassExitItem[](4);
        for (uint256 i = 0; i < 4; ++i) items[i] = _item(blk, i);
        _chainProofs(items);
        assertEq(_startMass(alice, address(0), items), 1, "started");
    }

    /// @dev A transaction that is not in the block, at the index of a real leaf, with that leaf's chained proof.
    function test_forgedTxWithTheRealLeafsChainedProof_reverts() public {
        bytes memory forged = TxEncoder.payment(50 * Position.BLOCK_OFFSET + 2 * Position.TX_OFFSET, alice, address(0), 1000 ether);
        bytes memory proof = ProofChainer.chain(CompressedProof.compress(blk.proofs[2]), 2, 1);
        MassExitGame.MassExitItem[] memory items =
            _prefixed(MassExitGame.MassExitItem(blk.blkNum * Position.BLOCK_OFFSET + 2 * Position.TX_OFFSET, forged, proof, blk.timestamp, 0, 0, ""));
        vm.expectRevert(abi.encodeWithSelector(BatchProof.PathMismatch.selector, 2, 2));
        _startMass(alice, address(0), items);
        _expectNothingReserved(items);
    }

    /// @dev Output 1 of the previous leaf's index (join at level 0) with other transaction bytes.
    function test_sameIndexOtherTx_reverts() public {
        TxEncoder.Out[] memory outs = new TxEncoder.Out[](2);
        outs[0] = TxEncoder.Out(alice, address(0), 1);
        outs[1] = TxEncoder.Out(alice, address(0), 1000 ether);
        uint256[] memory ins = new uint256[](1);
        ins[0] = 50 * Position.BLOCK_OFFSET + Position.TX_OFFSET;
        bytes memory forged = TxEncoder.encodeTx(1, ins, outs, bytes32(0));
        MassExitGame.MassExitItem[] memory items =
            _prefixed(MassExitGame.MassExitItem(blk.blkNum * Position.BLOCK_OFFSET + Position.TX_OFFSET + 1, forged, hex"0000", blk.timestamp, 0, 0, ""));
        vm.expectRevert(abi.encodeWithSelector(BatchProof.PathMismatch.selector, 1, 0));
        _startMass(alice, address(0), items);
        _expectNothingReserved(items);
    }

    /// @dev A real leaf of the block claimed at another index (tx 3's bytes at index 2).
    function test_realLeafAtAnotherIndex_reverts() public {
        bytes memory proof = ProofChainer.chain(CompressedProof.compress(blk.proofs[3]), 2, 1);
        MassExitGame.MassExitItem[] memory items =
            _prefixed(MassExitGame.MassExitItem(blk.blkNum * Position.BLOCK_OFFSET + 2 * Position.TX_OFFSET, blk.txs[3], proof, blk.timestamp, 0, 0, ""));
        vm.expectRevert();
        _startMass(alice, address(0), items);
        _expectNothingReserved(items);
    }

    /// @dev The kept path of one block used for a leaf of the next block: blk's tx 2 claimed in block `other`
    ///      with the proof chained against blk's leaf 1. The block change drops the kept path.
    function test_pathReusedAcrossBlocks_reverts() public {
        bytes memory proof = ProofChainer.chain(CompressedProof.compress(blk.proofs[2]), 2, 1);
        MassExitGame.MassExitItem[] memory items =
            _prefixed(MassExitGame.MassExitItem(other.blkNum * Position.BLOCK_OFFSET + 2 * Position.TX_OFFSET, blk.txs[2], proof, other.timestamp, 0, 0, ""));
        vm.expectRevert(abi.encodeWithSelector(ExitGameBase.CommitmentMismatch.selector, other.blkNum));
        _startMass(alice, address(0), items);
        // and with blk's own timestamp
        items[2].blockTimestamp = blk.timestamp;
        vm.expectRevert(abi.encodeWithSelector(ExitGameBase.CommitmentMismatch.selector, other.blkNum));
        _startMass(alice, address(0), items);
        _expectNothingReserved(items);
    }

    /// @dev A joined leaf must carry the block's timestamp (it decides the batch's exitable time).
    function test_joinedLeafWithAnotherTimestamp_reverts() public {
        MassExitGame.MassExitItem memory extra = _item(blk, 2);
        extra.proof = ProofChainer.chain(extra.proof, 2, 1);
        extra.blockTimestamp = blk.timestamp - 1 days;
        MassExitGame.MassExitItem[] memory items = _prefixed(extra);
        vm.expectRevert(abi.encodeWithSelector(ExitGameBase.CommitmentMismatch.selector, blk.blkNum));
        _startMass(alice, address(0), items);
        _expectNothingReserved(items);
    }

    /// @dev Fuzz: a transaction not in the block, at any later index, with a proof whose bitmap and siblings
    ///      are drawn from the block's real nodes, the empty-subtree hashes and junk, never starts.
    function testFuzz_forgedLeafNeverProven(uint16 index, uint16 bitmap, uint256 pick, uint128 amount) public {
        index = uint16(bound(index, 2, 65535));
        bytes memory forged = TxEncoder.payment(50 * Position.BLOCK_OFFSET + 2 * Position.TX_OFFSET, alice, address(0), uint256(amount) + 1);
        bytes memory full = blk.proofs[pick % 4];
        bytes memory siblings;
        uint256 n;
        for (uint256 i = 0; i < 16; ++i) {
            if ((bitmap >> i) & 1 == 0) continue;
            uint256 choice = (pick >> (2 * i + 8)) & 3;
            bytes32 s;
            if (choice == 0) {
                assembly {
                    s := mload(add(add(full, 0x20), shl(5, i)))
                }
            } else if (choice == 1) {
                s = bytes32(uint256(keccak256(abi.encode(pick, i))));
            } else {
                s = _leaf(blk.txs[(pick >> (2 * i)) % 4]);
            }
            siblings = abi.encodePacked(siblings, s);
            ++n;
        }
        bytes memory proof = abi.encodePacked(bitmap, siblings);
        MassExitGame.MassExitItem[] memory items = _prefixed(
            MassExitGame.MassExitItem(blk.blkNum * Position.BLOCK_OFFSET + uint256(index) * Position.TX_OFFSET, forged, proof, blk.timestamp, 0, 0, "")
        );
        vm.expectRevert();
        _startMass(alice, address(0), items);
    }

    /// @dev Fuzz: a real transaction of the block at an index that is not its own never starts.
    function testFuzz_realLeafAtAWrongIndexNeverProven(uint16 index, uint8 which) public {
        uint256 r = bound(which, 2, 3);
        index = uint16(bound(index, 2, 65535));
        if (index == r) index = index == 65535 ? 2 : index + 1;
        if (index == r) index = 65535;
        bytes memory proof = ProofChainer.chain(CompressedProof.compress(blk.proofs[r]), index, 1);
        MassExitGame.MassExitItem[] memory items = _prefixed(
            MassExitGame.MassExitItem(blk.blkNum * Position.BLOCK_OFFSET + uint256(index) * Position.TX_OFFSET, blk.txs[r], proof, blk.timestamp, 0, 0, "")
        );
        vm.expectRevert();
        _startMass(alice, address(0), items);
    }
}
