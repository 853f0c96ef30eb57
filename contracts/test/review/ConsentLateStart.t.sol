// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {MassExitTestBase} from "../utils/MassExitTestBase.sol";
import {TxEncoder} from "../utils/TxEncoder.sol";
import {Position} from "../../src/lib/Position.sol";
import {MassExitGame} from "../../src/games/MassExitGame.sol";

/// @notice A consent's `maxBlock` bounds which blocks a batch draws from; the batch's start time is bounded
///         too: a batch holding a consented output must start no later than one exit period after the first
///         child block past the tightest consent's `maxBlock` (`ConsentedStartTooLate`), whose root and
///         timestamp the initiator passes (`NextBlockMismatch` if they are not that block's). Started later,
///         the batch would be exitable at now + MEP, after a forgery of that block (ts + 2 MEP), which would
///         drain the vault first (docs/protocol.md 7.2).
contract ConsentLateStartTest is MassExitTestBase {
    address internal ian; // the initiator alice consented to (colluding with the operator)
    address internal mallory; // the operator's accomplice, owner of the forged output

    event PayoutShort(address indexed owner, address indexed token, uint256 amount);

    function setUp() public override {
        super.setUp();
        ian = makeAddr("ian");
        mallory = makeAddr("mallory");
        vm.deal(ian, 10 ether);
        vm.deal(mallory, 10 ether);
    }

    /// @dev Alice's 1 ETH deposit with her consent for ian vouching for every block that exists; then the
    ///      operator forges 1 ETH for mallory in the next child block, which mallory exits at once.
    function _consentThenForgery()
        internal
        returns (MassExitGame.MassExitItem memory consented, uint256 d, Included memory finc, uint256 fpos)
    {
        bytes memory t;
        Included memory inc;
        (d, t, inc) = _depositEth(alice, 1 ether);
        consented = _depositItem(d, t, inc);
        _consentTo(consented, aliceKey, ian, d / Position.BLOCK_OFFSET);
        vm.warp(block.timestamp + 10);
        bytes memory forged = TxEncoder.payment(999e9, mallory, address(0), 1 ether);
        finc = _submitOne(forged);
        fpos = finc.blkNum * Position.BLOCK_OFFSET;
        assertTrue(finc.blkNum > consented.consentMaxBlock, "the forgery is of a block alice did not vouch for");
        vm.prank(mallory);
        fw.startStandardExit{value: BOND}(fpos, forged, finc.proof, finc.timestamp);
    }

    function _only(MassExitGame.MassExitItem memory item) internal pure returns (MassExitGame.MassExitItem[] memory items) {
        items = new MassExitGame.MassExitItem[](1);
        items[0] = item;
    }

    function _expectNothingStored(bytes32 key) internal view {
        (,,,,,, MassExitGame.State state) = massGame.massExits(1);
        assertTrue(state == MassExitGame.State.None, "no batch");
        (bool reserved,,) = fw.outputReservation(key);
        assertTrue(!reserved, "the consented output is not reserved");
        assertEq(fw.exitQueueLength(address(0)), 1, "only the forgery is queued");
    }

    function test_attack_consentedBatchStartedLate_isRefused() public {
        (MassExitGame.MassExitItem memory consented, uint256 d, Included memory finc,) = _consentThenForgery();
        // ian waits one second more than MEP after the forged block, well before alice's deadline
        vm.warp(finc.timestamp + MEP + 1);
        assertTrue(block.timestamp < consented.consentDeadline, "the consent is still valid");
        MassExitGame.MassExitItem[] memory items = _only(consented);
        vm.expectRevert(
            abi.encodeWithSelector(MassExitGame.ConsentedStartTooLate.selector, d, finc.blkNum, finc.timestamp + MEP)
        );
        vm.prank(ian);
        massGame.startMassExit{value: MASS_BOND}(address(0), items, finc.root, finc.timestamp);
        _expectNothingStored(bytes32(d));
    }

    /// @dev At the boundary second the batch is exitable at the forgery's own time and wins the tie by its
    ///      older position: alice is paid in full to the wei and the forgery finds the vault empty.
    function test_consentedBatchStartedAtTheBoundarySecond_isPaidAheadOfTheForgery() public {
        (MassExitGame.MassExitItem memory consented, uint256 d, Included memory finc,) = _consentThenForgery();
        vm.warp(finc.timestamp + MEP);
        uint256 batchId = _startMass(ian, address(0), _only(consented));
        (,,,, uint256 batchAt,,) = massGame.massExits(batchId);
        assertEq(batchAt, finc.timestamp + 2 * MEP, "the forgery's own exitable time");

        vm.warp(batchAt);
        vm.expectEmit(true, true, true, true);
        emit PayoutShort(mallory, address(0), 1 ether);
        vm.prank(bob);
        assertEq(fw.processExits(address(0), 10), 2, "the batch, then the forgery");
        MassExitGame.MassExitLeaf[] memory leaves = new MassExitGame.MassExitLeaf[](1);
        leaves[0] = _depositLeaf(d, alice, 1 ether);
        uint256 alice0 = alice.balance;
        vm.expectEmit(true, true, true, true);
        emit MassExitGame.MassExitOutputPaid(batchId, alice, d, 1 ether);
        massGame.withdrawMassExit(batchId, leaves);
        assertEq(alice.balance, alice0 + 1 ether, "alice's consented deposit is paid in full");
        assertEq(address(massGame).balance, 0, "the game keeps nothing");
    }

    function test_aWrongHeaderOfTheNextChildBlock_isRefused() public {
        (MassExitGame.MassExitItem memory consented, uint256 d, Included memory finc,) = _consentThenForgery();
        MassExitGame.MassExitItem[] memory items = _only(consented);
        bytes memory err = abi.encodeWithSelector(MassExitGame.NextBlockMismatch.selector, finc.blkNum);
        vm.startPrank(ian);
        // a later timestamp would let ian start later: it must be the block's own
        vm.expectRevert(err);
        massGame.startMassExit{value: MASS_BOND}(address(0), items, finc.root, finc.timestamp + MEP);
        vm.expectRevert(err);
        massGame.startMassExit{value: MASS_BOND}(address(0), items, keccak256("other"), finc.timestamp);
        vm.expectRevert(err);
        massGame.startMassExit{value: MASS_BOND}(address(0), items, 0, 0);
        vm.stopPrank();
        _expectNothingStored(bytes32(d));
    }

    /// @dev Until a child block past the bound exists no exit of it can be queued: the batch needs no header
    ///      and no start bound beyond the consent's deadline.
    function test_noChildBlockPastTheBound_noHeaderAndNoStartBound() public {
        (uint256 d, bytes memory t, Included memory inc) = _depositEth(alice, 1 ether);
        MassExitGame.MassExitItem memory consented = _depositItem(d, t, inc);
        _consentTo(consented, aliceKey, ian, d / Position.BLOCK_OFFSET);
        vm.warp(block.timestamp + 6 days);
        vm.prank(ian);
        uint256 batchId = massGame.startMassExit{value: MASS_BOND}(address(0), _only(consented), 0, 0);
        (bool reserved, uint8 kind, uint256 id) = fw.outputReservation(bytes32(d));
        assertTrue(reserved && kind == 2 && id == batchId, "the batch holds alice's output");
    }

    /// @dev A bound that is a deposit block: the deposits after it and before the next child block cannot be
    ///      forged, so the start bound is one exit period after that next child block.
    function test_aDepositBlockBound_isTimedByTheNextChildBlock() public {
        _submitOne(TxEncoder.payment(998e9, carol, address(0), 1)); // child block 1000
        (uint256 d, bytes memory t, Included memory inc) = _depositEth(alice, 1 ether); // deposit block 1001
        _depositEth(bob, 1 ether); // deposit block 1002, past alice's bound
        MassExitGame.MassExitItem memory consented = _depositItem(d, t, inc);
        _consentTo(consented, aliceKey, ian, d / Position.BLOCK_OFFSET);
        assertEq(consented.consentMaxBlock, 1001, "a deposit block");
        vm.warp(block.timestamp + 10);
        Included memory next = _submitOne(TxEncoder.payment(997e9, mallory, address(0), 1 ether));
        assertEq(next.blkNum, 2000, "the first child block past the bound");

        vm.warp(next.timestamp + MEP + 1);
        vm.expectRevert(
            abi.encodeWithSelector(MassExitGame.ConsentedStartTooLate.selector, d, 2000, next.timestamp + MEP)
        );
        vm.prank(ian);
        massGame.startMassExit{value: MASS_BOND}(address(0), _only(consented), next.root, next.timestamp);

        vm.warp(next.timestamp + MEP);
        uint256 batchId = _startMass(ian, address(0), _only(consented));
        assertEq(batchId, 1, "started in time");
    }

    /// @dev The tightest consent decides: bob vouches for more blocks than alice, and alice's bound times
    ///      the batch; without her output, bob's looser bound has no child block past it yet.
    function test_theTightestConsentTimesTheBatch() public {
        (uint256 db, bytes memory tb, Included memory ib) = _depositEth(bob, 1 ether); // deposit block 1
        (uint256 da, bytes memory ta, Included memory ia) = _depositEth(alice, 1 ether); // deposit block 2
        vm.warp(block.timestamp + 10);
        Included memory first = _submitOne(TxEncoder.payment(999e9, mallory, address(0), 1 ether)); // 1000
        _depositEth(carol, 1 ether); // deposit block 1001
        MassExitGame.MassExitItem[] memory items = new MassExitGame.MassExitItem[](2);
        items[0] = _depositItem(db, tb, ib);
        items[1] = _depositItem(da, ta, ia);
        _consentTo(items[0], bobKey, ian, 1001);
        _consentTo(items[1], aliceKey, ian, 2);

        vm.warp(first.timestamp + MEP + 1);
        vm.expectRevert(
            abi.encodeWithSelector(MassExitGame.ConsentedStartTooLate.selector, da, 1000, first.timestamp + MEP)
        );
        vm.prank(ian);
        massGame.startMassExit{value: 2 * MASS_BOND}(address(0), items, first.root, first.timestamp);

        MassExitGame.MassExitItem[] memory bobs = _only(items[0]);
        vm.prank(ian);
        assertEq(massGame.startMassExit{value: MASS_BOND}(address(0), bobs, 0, 0), 1, "bob's batch starts");
    }

    /// @dev A batch of the initiator's own outputs has no consent and no start bound.
    function test_aBatchWithoutConsents_hasNoStartBound() public {
        (uint256 d, bytes memory t, Included memory inc) = _depositEth(alice, 1 ether);
        vm.warp(block.timestamp + 10);
        Included memory later = _submitOne(TxEncoder.payment(999e9, mallory, address(0), 1 ether));
        vm.warp(later.timestamp + 3 * MEP);
        vm.prank(alice);
        uint256 batchId = massGame.startMassExit{value: MASS_BOND}(address(0), _only(_depositItem(d, t, inc)), 0, 0);
        (,,,, uint256 at,, MassExitGame.State state) = massGame.massExits(batchId);
        assertTrue(state == MassExitGame.State.Pending, "started");
        assertEq(at, block.timestamp + MEP, "a deposit: now + MEP");
    }
}
