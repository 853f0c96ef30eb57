// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {MassExitTestBase} from "../utils/MassExitTestBase.sol";
import {InFlightTestBase} from "../utils/InFlightTestBase.sol";
import {PlasmaTestBase} from "../utils/PlasmaTestBase.sol";
import {MassExitGame} from "../../src/games/MassExitGame.sol";
import {ExitController} from "../../src/framework/ExitController.sol";
import {OutputKey} from "../../src/lib/OutputKey.sol";

/// @notice A processed batch's leaves count as exited at once. The batch moves its leaves' amount from the
///         vault into its escrow at processing and marks each leaf paid only at `withdrawMassExit`; between
///         the two, an in-flight spend of a leaf must not be canonical (it would be paid from the vault a
///         second time, and an honest exit processed next would find the vault short), nor may any other
///         exit of the leaf start.
contract LeafSpentAfterProcessingTest is InFlightTestBase, MassExitTestBase {
    address internal mallory;
    uint256 internal malloryKey;
    address internal mallory2; // mallory's second address

    event ExitFinalized(uint256 indexed position, address indexed owner, address indexed token, uint256 amount);
    event InFlightExitFinalized(uint256 indexed ifeId, address indexed token, bool canonical);

    function setUp() public override(InFlightTestBase, PlasmaTestBase) {
        InFlightTestBase.setUp();
        (mallory, malloryKey) = makeAddrAndKey("mallory");
        mallory2 = makeAddr("mallory2");
        vm.deal(mallory, 10 ether);
        vm.deal(mallory2, 10 ether);
    }

    /// @dev mallory mass-exits her own 1 ETH deposit and the batch is processed: its escrow left the vault.
    function _processedBatch() internal returns (Input memory o, uint256 batchId) {
        o = _depositInput(mallory, malloryKey, 1 ether);
        MassExitGame.MassExitItem[] memory items = new MassExitGame.MassExitItem[](1);
        items[0] = _depositItem(o.position, o.txBytes, o.inc);
        batchId = _startMass(mallory, address(0), items);
        (,,,, uint256 batchAt,,) = massGame.massExits(batchId);
        vm.warp(batchAt);
        vm.prank(processor);
        assertEq(fw.processExits(address(0), 10), 1, "the batch");
        assertEq(address(massGame).balance, 1 ether, "the escrow left the vault");
    }

    function test_aLeafSpentInFlightAfterItsBatchWasProcessedIsNotCanonical_honestExitPaidInFull() public {
        (Input memory o, uint256 batchId) = _processedBatch();
        bytes32 leafKey = bytes32(o.position);
        assertTrue(fw.isOutputExited(leafKey), "the leaf counts as exited once its amount left the vault");
        (bool reserved, uint8 kind, uint256 id) = fw.outputReservation(leafKey);
        assertTrue(reserved && kind == 2 && id == batchId, "the batch still holds it, to pay it at withdrawal");

        // nobody withdraws the batch; mallory spends the same deposit in flight to her second address
        vm.warp(block.timestamp + 1);
        Ife memory f = _build(_one(o), _outs1(mallory2, 1 ether), bytes32(0));
        _startIfe(mallory2, f);
        _pbOut(mallory2, f, 0);

        // alice, honest, deposits 1 ETH and exits it
        (uint256 d, bytes memory t, Included memory inc) = _depositEth(alice, 1 ether);
        _startExit(alice, d, t, inc);

        vm.warp(_exitableAt(f.txBytes));
        uint256 alice0 = alice.balance;
        uint256 m2 = mallory2.balance;
        vm.expectEmit(true, true, true, true);
        emit InFlightExitFinalized(_idOf(f.txBytes), address(0), false);
        vm.expectEmit(true, true, true, true);
        emit ExitFinalized(d, alice, address(0), 1 ether);
        vm.prank(processor);
        assertEq(fw.processExits(address(0), 10), 2, "the in-flight exit (older position), then alice");
        assertEq(alice.balance, alice0 + 1 ether + BOND - BOUNTY, "alice paid in full");
        // the losing piggyback gets its whole bond back, the unchallenged initiator its exit bond: no output
        assertEq(mallory2.balance, m2 + PB_BOND + IFE_BOND, "the spent leaf is not paid a second time");
        assertTrue(!fw.isOutputExited(keccak256(abi.encode(keccak256(f.txBytes), uint256(0)))), "output freed");

        // the batch pays its leaf from its own escrow, once
        MassExitGame.MassExitLeaf[] memory leaves = new MassExitGame.MassExitLeaf[](1);
        leaves[0] = _depositLeaf(o.position, mallory, 1 ether);
        uint256 m = mallory.balance;
        uint256 vault = address(fw).balance;
        massGame.withdrawMassExit(batchId, leaves);
        assertEq(mallory.balance, m + 1 ether, "the leaf paid once, by its batch");
        assertEq(address(massGame).balance, 0, "escrow spent");
        assertEq(address(fw).balance, vault, "nothing returns to the vault");
        (reserved,,) = fw.outputReservation(leafKey);
        assertTrue(!reserved && fw.isOutputExited(leafKey), "marked exited for good");
    }

    function test_aProcessedBatchsLeafCannotBeClaimedByAnyOtherExit() public {
        (Input memory o, uint256 batchId) = _processedBatch();
        bytes32 leafKey = bytes32(o.position);

        // an input piggyback on an in-flight spend of the leaf
        Ife memory f = _build(_one(o), _outs1(mallory2, 1 ether), bytes32(0));
        _startIfe(mallory2, f);
        vm.expectRevert(abi.encodeWithSelector(ExitController.OutputAlreadyExited.selector, leafKey));
        _pbIn(mallory, f, 0);

        // a standard exit of it
        vm.expectRevert(abi.encodeWithSelector(ExitController.OutputAlreadyExited.selector, leafKey));
        _startExit(mallory, o.position, o.txBytes, o.inc);

        // another batch
        MassExitGame.MassExitItem[] memory items = new MassExitGame.MassExitItem[](1);
        items[0] = _depositItem(o.position, o.txBytes, o.inc);
        vm.expectRevert(abi.encodeWithSelector(ExitController.OutputAlreadyExited.selector, leafKey));
        _startMass(mallory, address(0), items);

        (bool reserved, uint8 kind, uint256 id) = fw.outputReservation(leafKey);
        assertTrue(reserved && kind == 2 && id == batchId, "still the batch's");
        assertEq(OutputKey.compute(o.txBytes, false, o.position, 0), leafKey, "a deposit's key is its position");
    }
}
