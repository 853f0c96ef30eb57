// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {MassExitTestBase} from "../utils/MassExitTestBase.sol";
import {InFlightTestBase} from "../utils/InFlightTestBase.sol";
import {PlasmaTestBase} from "../utils/PlasmaTestBase.sol";
import {TxEncoder} from "../utils/TxEncoder.sol";
import {Position} from "../../src/lib/Position.sol";
import {MassExitGame} from "../../src/games/MassExitGame.sol";

/// @notice An initiator puts beside a consented output one of its own, a valid deposit of a block the owner
///         vouched for, and spends it with an in-flight transaction that is never included. Its in-flight
///         exit is queued just before the batch, is canonical, takes the deposit's amount from the vault and
///         marks the deposit exited. Nobody challenges the initiator's leaf. The framework books that amount as
///         taken from the batch, so the batch asks the vault only for the leaves it still holds; what the
///         vault cannot free it does not pay (never another payee's money), and at withdrawal only the
///         leaves the batch still holds share its escrow.
contract ConsentSpentCompanyTest is InFlightTestBase, MassExitTestBase {
    address internal ian; // the initiator alice consented to
    uint256 internal ianKey;
    address internal mallory; // ian's accomplice

    event PayoutShort(address indexed owner, address indexed token, uint256 amount);

    function setUp() public override(InFlightTestBase, PlasmaTestBase) {
        InFlightTestBase.setUp();
        (ian, ianKey) = makeAddrAndKey("ian");
        mallory = makeAddr("mallory");
        vm.deal(ian, 100 ether);
        vm.deal(mallory, 10 ether);
    }

    /// @dev Ian's 5 ETH deposit and alice's 1 ETH deposit, alice consenting for ian; ian spends his deposit
    ///      to mallory in flight (piggybacked), then batches it with alice's output one second later.
    function _attack()
        internal
        returns (uint256 batchId, Ife memory f, MassExitGame.MassExitLeaf[] memory leaves)
    {
        Input memory x = _depositInput(ian, ianKey, 5 ether);
        (uint256 d, bytes memory t, Included memory inc) = _depositEth(alice, 1 ether);
        MassExitGame.MassExitItem memory consented = _depositItem(d, t, inc);
        _consentTo(consented, aliceKey, ian, d / Position.BLOCK_OFFSET);

        f = _build(_one(x), _outs1(mallory, 5 ether), bytes32(0));
        _startIfe(mallory, f);
        _pbOut(mallory, f, 0);

        vm.warp(block.timestamp + 1);
        MassExitGame.MassExitItem[] memory items = new MassExitGame.MassExitItem[](2);
        items[0] = _depositItem(x.position, x.txBytes, x.inc);
        items[1] = consented;
        assertLe(items[0].position / Position.BLOCK_OFFSET, consented.consentMaxBlock, "every output of a vouched-for block");
        batchId = _startMass(ian, address(0), items);
        leaves = new MassExitGame.MassExitLeaf[](2);
        leaves[0] = _depositLeaf(x.position, ian, 5 ether);
        leaves[1] = _depositLeaf(d, alice, 1 ether);
    }

    function test_attack_initiatorsOwnLeafSpentInFlight_consentedOwnerPaidInFull() public {
        (uint256 batchId,, MassExitGame.MassExitLeaf[] memory leaves) = _attack();

        // both are processed in priority order: the in-flight exit first
        (,,,, uint256 batchExitableAt,,) = massGame.massExits(batchId);
        vm.warp(batchExitableAt);
        uint256 mallory0 = mallory.balance;
        vm.prank(processor);
        fw.processExits(address(0), 10);
        assertEq(mallory.balance, mallory0 + 5 ether + PB_REFUND + IFE_BOND, "the in-flight output is paid, the bonds returned");
        vm.prank(address(massGame));
        assertEq(fw.takenFrom(batchId), 5 ether, "ian's leaf booked as taken from the batch");
        (,,, uint256 escrow,,, MassExitGame.State state) = massGame.massExits(batchId);
        assertTrue(state == MassExitGame.State.Finalized, "processed");
        assertEq(escrow, 1 ether, "the batch took only what it still holds: alice's 1 ETH");
        assertEq(address(massGame).balance, 1 ether, "escrow arrived");

        uint256 alice0 = alice.balance;
        uint256 ian0 = ian.balance;
        vm.expectEmit(true, true, true, true);
        emit MassExitGame.MassExitOutputPaid(batchId, alice, leaves[1].position, 1 ether);
        massGame.withdrawMassExit(batchId, leaves);
        assertEq(ian.balance, ian0, "ian's leaf, taken by the in-flight exit, is neither paid nor counted");
        assertTrue(fw.isOutputExited(leaves[1].outputKey), "alice's output paid");
        assertEq(alice.balance, alice0 + 1 ether, "alice's consented deposit is paid in full");
        assertEq(address(massGame).balance, 0, "the game keeps nothing");
        assertEq(address(fw).balance, 0, "the vault keeps nothing: every output and bond was paid once");
    }

    /// @dev The batch never asks for the taken leaf, so an exit processed right behind it in the same call
    ///      (bob's deposit, before anyone withdraws the batch) still finds its money in the vault.
    function test_attack_theTakenLeafsAmountIsNotDrawnFromTheExitsBehindTheBatch() public {
        (uint256 batchId,,) = _attack();
        vm.warp(block.timestamp + 1);
        (uint256 bpos, bytes memory btx, Included memory binc) = _depositEth(bob, 5 ether);
        _startExit(bob, bpos, btx, binc);
        (,,,, uint256 batchAt,,) = massGame.massExits(batchId);
        vm.warp(batchAt + 1);
        uint256 bob0 = bob.balance;
        vm.prank(processor);
        assertEq(fw.processExits(address(0), 10), 3, "in-flight exit, batch, bob's exit");
        assertEq(bob.balance, bob0 + 5 ether + BOND - BOUNTY, "bob paid in full right behind the batch");
        (,,, uint256 escrow,,,) = massGame.massExits(batchId);
        assertEq(escrow, 1 ether, "the batch's escrow: alice's leaf only");
    }

    /// @dev The taken leaf is also challenged (with the in-flight transaction) after the in-flight exit was
    ///      processed: it leaves the batch once, not twice.
    function test_aTakenLeafChallengedLater_isSubtractedOnce() public {
        Input memory x = _depositInput(ian, ianKey, 5 ether);
        (uint256 d, bytes memory t, Included memory inc) = _depositEth(alice, 1 ether);
        MassExitGame.MassExitItem memory consented = _depositItem(d, t, inc);
        _consentTo(consented, aliceKey, ian, d / Position.BLOCK_OFFSET);
        Ife memory f = _build(_one(x), _outs1(mallory, 5 ether), bytes32(0));
        _startIfe(mallory, f);
        _pbOut(mallory, f, 0);
        // the batch starts half a period later, so the in-flight exit is processed while it is pending
        vm.warp(block.timestamp + MEP / 2);
        MassExitGame.MassExitItem[] memory items = new MassExitGame.MassExitItem[](2);
        items[0] = _depositItem(x.position, x.txBytes, x.inc);
        items[1] = consented;
        uint256 batchId = _startMass(ian, address(0), items);
        MassExitGame.MassExitLeaf[] memory leaves = new MassExitGame.MassExitLeaf[](2);
        leaves[0] = _depositLeaf(x.position, ian, 5 ether);
        leaves[1] = _depositLeaf(d, alice, 1 ether);

        vm.warp(_exitableAt(f.txBytes));
        vm.prank(processor);
        assertEq(fw.processExits(address(0), 10), 1, "the in-flight exit alone");
        assertTrue(fw.isOutputExited(bytes32(x.position)), "ian's deposit spent by the canonical transaction");

        uint256 carol0 = carol.balance;
        _challengeLeaf(carol, batchId, leaves, 0, f.txBytes, f.sigs[0]);
        assertEq(carol.balance, carol0 + MASS_BOND, "the challenger takes the leaf's bond");
        (,,, uint256 remaining,,,) = massGame.massExits(batchId);
        assertEq(remaining, 6 ether, "not subtracted here: the framework booked it as taken");

        (,,,, uint256 batchAt,,) = massGame.massExits(batchId);
        vm.warp(batchAt);
        vm.prank(processor);
        fw.processExits(address(0), 10);
        (,,, uint256 escrow,,,) = massGame.massExits(batchId);
        assertEq(escrow, 1 ether, "subtracted once");
        uint256 alice0 = alice.balance;
        massGame.withdrawMassExit(batchId, leaves);
        assertEq(alice.balance, alice0 + 1 ether, "alice paid in full");
        assertEq(address(fw).balance, 0, "the vault keeps nothing");
    }

    /// @dev A vault that cannot free the batch's whole amount (a forged standard exit drained part of it
    ///      first) pays the batch what it can, and the batch's leaves share it pro rata; credited payees and
    ///      the processor's bounty are never touched.
    function test_aShortVault_paysTheBatchWhatItCanFree() public {
        (uint256 da, bytes memory ta, Included memory ia) = _depositEth(alice, 3 ether);
        (uint256 db, bytes memory tb, Included memory ib) = _depositEth(bob, 1 ether);
        // the operator's forgery takes 2 ETH, exitable before the batch
        bytes memory forged = _forgedPayment(mallory, 2 ether);
        Included memory finc = _submitOne(forged);
        vm.prank(mallory);
        fw.startStandardExit{value: BOND}(finc.blkNum * Position.BLOCK_OFFSET, forged, finc.proof, finc.timestamp);
        vm.warp(finc.timestamp + MEP + 1);
        MassExitGame.MassExitItem[] memory items = new MassExitGame.MassExitItem[](2);
        items[0] = _depositItem(da, ta, ia);
        items[1] = _depositItem(db, tb, ib);
        _consentTo(items[1], bobKey, alice, type(uint256).max);
        uint256 batchId = _startMass(alice, address(0), items);

        vm.warp(block.timestamp + MEP);
        uint256 processor0 = processor.balance;
        vm.expectEmit(true, true, true, true);
        emit MassExitGame.MassExitEscrowShort(batchId, 4 ether, 2 ether);
        vm.prank(processor);
        assertEq(fw.processExits(address(0), 10), 2, "forgery, then the batch");
        assertEq(processor.balance, processor0 + BOUNTY + 2 * MASS_BOUNTY, "the processor's bounties are paid");
        MassExitGame.MassExitLeaf[] memory leaves = new MassExitGame.MassExitLeaf[](2);
        leaves[0] = _depositLeaf(da, alice, 3 ether);
        leaves[1] = _depositLeaf(db, bob, 1 ether);
        uint256 alice0 = alice.balance;
        uint256 bob0 = bob.balance;
        massGame.withdrawMassExit(batchId, leaves);
        assertEq(alice.balance, alice0 + 1.5 ether, "half of each leaf");
        assertEq(bob.balance, bob0 + 0.5 ether, "half of each leaf");
        assertEq(address(massGame).balance, 0, "the game keeps nothing");
    }

    function _forgedPayment(address to, uint256 amount) internal pure returns (bytes memory) {
        return TxEncoder.payment(999e9, to, address(0), amount);
    }
}
