// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {CashTestBase} from "./utils/CashTestBase.sol";
import {CoinEncoder} from "./utils/CoinEncoder.sol";
import {CashExitGameBase} from "../src/games/CashExitGameBase.sol";

/// @notice Checkpoints: a bonded, challengeable claim of ownership that, once final, becomes the coin's
///         origin, so older history is no longer needed (and no longer accepted).
contract CashCheckpointTest is CashTestBase {
    function _startCarolCheckpoint(History memory h) internal {
        CashExitGameBase.CoinClaim memory c = _carolClaim(h);
        vm.prank(carol);
        cash.startCheckpoint{value: CHECKPOINT_BOND}(h.slot, c);
    }

    function _origin(uint64 slot) internal view returns (uint64 blk, address owner) {
        (,,,, blk, owner,) = cash.coin(slot);
    }

    function test_startCheckpoint_recordsClaim() public {
        History memory h = _history();
        vm.expectEmit(true, true, true, true);
        emit CashExitGameBase.CheckpointStarted(h.slot, carol, h.b2, h.b1, 1);
        _startCarolCheckpoint(h);
        (address owner, address prevOwner, uint64 prevBlock, uint64 exitBlock, uint64 exitableAt, uint32 open,) =
            cash.checkpointOf(h.slot, carol);
        assertEq(owner, carol, "owner");
        assertEq(prevOwner, bob, "prev owner");
        assertEq(prevBlock, h.b1, "prev block");
        assertEq(exitBlock, h.b2, "block");
        assertEq(exitableAt, block.timestamp + MEP, "one period");
        assertEq(open, 0, "no challenge");
        assertEq(_state(h.slot), 0, "a checkpoint does not exit the coin");
        (, uint32 checkpoints) = _pending(h.slot);
        assertEq(checkpoints, 1, "one pending checkpoint");
    }

    function test_finalizeCheckpoint_movesOriginAndRefundsBond() public {
        History memory h = _history();
        _startCarolCheckpoint(h);
        vm.warp(block.timestamp + MEP);
        vm.expectEmit(true, true, true, true);
        emit CashExitGameBase.CheckpointFinalized(h.slot, h.b2, carol);
        cash.finalizeCheckpoint(h.slot, carol);
        (uint64 blk, address owner) = _origin(h.slot);
        assertEq(blk, h.b2, "origin block moved");
        assertEq(owner, carol, "origin owner moved");
        assertEq(cash.bonds(carol), CHECKPOINT_BOND, "bond refunded");
        (address claimant, uint64 exitableAt,) = _checkpointOf(h.slot, carol);
        assertEq(exitableAt, 0, "checkpoint closed");
        assertEq(claimant, address(0), "none pending");
        (, uint32 checkpoints) = _pending(h.slot);
        assertEq(checkpoints, 0, "none counted");
    }

    function test_afterCheckpoint_olderClaimIsTooOld() public {
        History memory h = _history();
        _startCarolCheckpoint(h);
        vm.warp(block.timestamp + MEP);
        cash.finalizeCheckpoint(h.slot, carol);
        // bob's first-spend claim (spending the deposit origin) is older than the new origin
        CashExitGameBase.CoinClaim memory c = _firstSpendClaim(h.tx1, h.sig1, h.b1);
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.ClaimTooOld.selector, h.origin, h.b2));
        vm.prank(bob);
        cash.startExit{value: COIN_EXIT_BOND}(h.slot, c);
    }

    function test_afterCheckpoint_ownerExitsFromNewOriginWithoutHistory() public {
        History memory h = _history();
        _startCarolCheckpoint(h);
        vm.warp(block.timestamp + MEP);
        cash.finalizeCheckpoint(h.slot, carol);
        vm.expectEmit(true, true, true, true);
        emit CashExitGameBase.CoinExitStarted(h.slot, carol, h.b2, 0, 2);
        vm.prank(carol);
        cash.startExit{value: COIN_EXIT_BOND}(h.slot, _originClaim());
        vm.warp(block.timestamp + MEP);
        cash.finalizeExit(h.slot, carol);
        uint256 before = carol.balance;
        vm.prank(carol);
        cash.withdraw(h.slot, carol);
        assertEq(carol.balance, before + 1 ether, "paid from the checkpointed origin");
    }

    function test_afterCheckpoint_nextSpendUsesCheckpointAsPrevOwner() public {
        History memory h = _history();
        _startCarolCheckpoint(h);
        vm.warp(block.timestamp + MEP);
        cash.finalizeCheckpoint(h.slot, carol);
        // carol -> dave at 3000 is a first spend of the new origin (no prevTx needed)
        bytes memory tx3 = CoinEncoder.transfer(h.slot, h.b2, dave);
        bytes memory sig3 = _signCoin(carolKey, tx3);
        uint64 b3 = _submitCoin(tx3);
        CashExitGameBase.CoinClaim memory c = _firstSpendClaim(tx3, sig3, b3);
        vm.prank(dave);
        cash.startExit{value: COIN_EXIT_BOND}(h.slot, c);
        (address owner, address prevOwner,,,,,) = cash.exitOf(h.slot, dave);
        assertEq(owner, dave, "owner");
        assertEq(prevOwner, carol, "the checkpoint's owner");
    }

    function test_startCheckpoint_revertsOnOriginClaim() public {
        uint64 slot = _depositCoin(alice, 1 ether);
        vm.expectRevert(CashExitGameBase.CheckpointOfOrigin.selector);
        vm.prank(alice);
        cash.startCheckpoint{value: CHECKPOINT_BOND}(slot, _originClaim());
    }

    function test_startCheckpoint_revertsWhenTheCallersIsPending() public {
        History memory h = _history();
        _startCarolCheckpoint(h);
        CashExitGameBase.CoinClaim memory c = _carolClaim(h);
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.ClaimPending.selector, h.slot, carol, true));
        vm.prank(carol);
        cash.startCheckpoint{value: CHECKPOINT_BOND}(h.slot, c);
    }

    function test_startCheckpoint_revertsOnWrongBond() public {
        History memory h = _history();
        CashExitGameBase.CoinClaim memory c = _carolClaim(h);
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.BadBond.selector, COIN_EXIT_BOND + 1, CHECKPOINT_BOND));
        vm.prank(carol);
        cash.startCheckpoint{value: COIN_EXIT_BOND + 1}(h.slot, c);
    }

    function test_startCheckpoint_revertsOnExitedCoin() public {
        History memory h = _history();
        _startCarolExit(h);
        vm.warp(block.timestamp + MEP);
        cash.finalizeExit(h.slot, carol);
        CashExitGameBase.CoinClaim memory c = _carolClaim(h);
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.CoinExited.selector, h.slot));
        vm.prank(carol);
        cash.startCheckpoint{value: CHECKPOINT_BOND}(h.slot, c);
    }

    function test_challengeCheckpointBetween_cancelsCheckpoint() public {
        History memory h = _history();
        // bob double-spends block 1000 to dave at 3000; dave checkpoints that
        CashExitGameBase.CoinClaim memory c = _doubleSpendToDave(h);
        vm.prank(dave);
        cash.startCheckpoint{value: CHECKPOINT_BOND}(h.slot, c);
        _commitCoin(carol, h.slot, keccak256(h.tx2));
        bytes memory proof = _coinProof(h.b2, h.slot);
        vm.expectEmit(true, true, true, true);
        emit CashExitGameBase.CheckpointCancelled(h.slot, dave, carol, 2);
        vm.prank(carol);
        cash.challengeCheckpointBetween(h.slot, dave, h.tx2, h.sig2, proof, h.b2);
        assertEq(cash.bonds(carol), CHECKPOINT_BOND, "checkpoint bond to the challenger");
        (uint64 blk,) = _origin(h.slot);
        assertEq(blk, h.origin, "origin unchanged");
    }

    function test_challengeCheckpointBetween_revertsWithoutCheckpoint() public {
        History memory h = _history();
        bytes memory proof = _coinProof(h.b2, h.slot);
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.NoClaim.selector, h.slot, dave, true));
        vm.prank(carol);
        cash.challengeCheckpointBetween(h.slot, dave, h.tx2, h.sig2, proof, h.b2);
    }

    function test_checkpointChallengedBefore_unansweredCancelsIt() public {
        History memory h = _history();
        _startCarolCheckpoint(h);
        _commitCoin(dave, h.slot, bytes32(0));
        vm.expectEmit(true, true, true, true);
        emit CashExitGameBase.CoinChallenged(h.slot, carol, true, 1, 0, bytes32(0), alice, h.origin, dave);
        vm.prank(dave);
        cash.challengeBeforeFromOrigin{value: COIN_CHALLENGE_BOND}(h.slot, carol, true);
        (address claimedOwner,, bool open) = cash.evidenceOf(h.slot, carol, true, h.origin);
        assertEq(claimedOwner, alice, "evidence on the checkpoint");
        assertTrue(open, "open");
        (,, uint32 openCount) = _checkpointOf(h.slot, carol);
        assertEq(openCount, 1, "counted on the checkpoint");
        vm.warp(block.timestamp + MEP);
        vm.expectEmit(true, true, true, true);
        emit CashExitGameBase.CheckpointCancelled(h.slot, carol, address(0), 3);
        cash.finalizeCheckpoint(h.slot, carol);
        assertEq(cash.bonds(dave), COIN_CHALLENGE_BOND, "the challenger's bond back, no reward");
        assertEq(cash.forfeits(h.slot), CHECKPOINT_BOND, "the checkpoint bond stays with the coin");
        (uint64 blk, address owner) = _origin(h.slot);
        assertEq(blk, h.origin, "origin unchanged");
        assertEq(owner, alice, "origin owner unchanged");
    }

    function test_checkpointChallengedBefore_answered() public {
        History memory h = _history();
        _startCarolCheckpoint(h);
        _challengeFromOrigin(dave, h.slot, carol, true);
        _respond(carol, h.slot, carol, true, h.tx1, h.sig1, h.b1);
        vm.warp(block.timestamp + MEP);
        cash.finalizeCheckpoint(h.slot, carol);
        (uint64 blk,) = _origin(h.slot);
        assertEq(blk, h.b2, "origin moved");
        assertEq(cash.bonds(carol), COIN_CHALLENGE_BOND + CHECKPOINT_BOND, "answered bond and refund");
    }

    function test_afterCheckpoint_challengeBeforeCannotReachPastOrigin() public {
        History memory h = _history();
        _startCarolCheckpoint(h);
        vm.warp(block.timestamp + MEP);
        cash.finalizeCheckpoint(h.slot, carol);
        // carol -> dave (3000), dave -> bob (4000); bob exits with prevBlock 3000
        _bobExitsAfterCheckpoint(h);
        // tx1 at block 1000 lies before the checkpointed origin (2000): it no longer counts
        _commitCoin(alice, h.slot, keccak256(h.tx1));
        bytes memory proof = _coinProof(h.b1, h.slot);
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.BlockOutOfRange.selector, h.b1));
        vm.prank(alice);
        cash.challengeBefore{value: COIN_CHALLENGE_BOND}(h.slot, bob, false, h.tx1, h.sig1, proof, h.b1);
    }

    function _bobExitsAfterCheckpoint(History memory h) internal {
        bytes memory tx3 = CoinEncoder.transfer(h.slot, h.b2, dave);
        uint64 b3 = _submitCoin(tx3);
        bytes memory tx4 = CoinEncoder.transfer(h.slot, b3, bob);
        bytes memory sig4 = _signCoin(daveKey, tx4);
        uint64 b4 = _submitCoin(tx4);
        CashExitGameBase.CoinClaim memory c = _claim(tx3, b3, tx4, sig4, b4);
        vm.prank(bob);
        cash.startExit{value: COIN_EXIT_BOND}(h.slot, c);
    }

    function test_finalizeCheckpoint_revertsBeforePeriod() public {
        History memory h = _history();
        _startCarolCheckpoint(h);
        vm.expectRevert(
            abi.encodeWithSelector(CashExitGameBase.ClaimNotMature.selector, uint64(block.timestamp + MEP))
        );
        cash.finalizeCheckpoint(h.slot, carol);
    }
}
