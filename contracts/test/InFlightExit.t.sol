// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {InFlightTestBase} from "./utils/InFlightTestBase.sol";
import {TxEncoder} from "./utils/TxEncoder.sol";
import {InFlightExitGame} from "../src/games/InFlightExitGame.sol";
import {ExitGameBase} from "../src/games/ExitGameBase.sol";
import {ExitController} from "../src/framework/ExitController.sol";
import {PaymentExitGame} from "../src/framework/PaymentExitGame.sol";
import {IPlasmaFramework} from "../src/interfaces/IPlasmaFramework.sol";
import {ExitAmount} from "../src/lib/ExitAmount.sol";
import {PaymentTx} from "../src/lib/PaymentTx.sol";
import {Position} from "../src/lib/Position.sol";
import {DevToken} from "../src/DevToken.sol";
import {RevertingReceiver} from "../src/mocks/RevertingReceiver.sol";

contract InFlightExitTest is InFlightTestBase {
    event PayoutFailed(address indexed owner, address indexed token, uint256 amount);
    event PayoutShort(address indexed owner, address indexed token, uint256 amount);

    uint256 private constant NOT_INCLUDED = type(uint64).max;

    // ================================================================ start

    function test_start_recordsTheExitAndTakesTheBond() public {
        (Ife memory f, Input memory a) = _alicePaysBob();
        vm.warp(block.timestamp + 100);
        uint256 id = _idOf(f.txBytes);
        uint256 vault = address(fw).balance;
        vm.expectEmit(true, true, true, true);
        emit InFlightExitGame.InFlightExitStarted(
            id, bob, keccak256(f.txBytes), a.position, a.inc.timestamp + 2 * MEP, f.txBytes, f.sigs
        );
        _startIfe(bob, f);
        View memory v = _view(f.txBytes);
        assertEq(v.initiator, bob, "initiator");
        assertEq(v.bondOwner, bob, "bond owner");
        assertEq(v.startedAt, block.timestamp, "started");
        assertEq(v.exitableAt, a.inc.timestamp + 2 * MEP, "exitable 2 MEP after the input's block");
        assertEq(v.youngestInputPosition, a.position, "youngest");
        assertEq(v.oldestCompetitorPosition, 0, "no competitor");
        assertTrue(v.isCanonical && !v.finalized && v.piggybackedInputs == 0 && v.piggybackedOutputs == 0, "fresh");
        assertEq(address(fw).balance, vault + IFE_BOND, "bond in the vault");
        assertEq(address(ife).balance, 0, "game holds nothing");
        assertEq(ife.ifeIdOf(f.txBytes), id, "id");
        assertEq(fw.exitQueueLength(address(0)), 1, "queued in the ETH queue from the start");
        (uint256 head, uint256 at) = fw.nextExit(address(0));
        assertEq(head, a.position, "at the youngest input's position");
        assertEq(at, a.inc.timestamp + 2 * MEP, "and exitable time");
    }

    /// @dev Priority is the youngest input; a deposit-only exit waits one MEP from now.
    function test_start_twoInputsTakeTheYoungestAndDepositsWaitOneMep() public {
        Input memory d1 = _depositInput(alice, aliceKey, 1 ether);
        Input memory d2 = _depositInput(bob, bobKey, 2 ether);
        Ife memory f = _build(_two(d2, d1), _outs1(carol, 3 ether), bytes32(0));
        vm.warp(block.timestamp + 7);
        _startIfe(carol, f);
        View memory v = _view(f.txBytes);
        assertEq(v.youngestInputPosition, d2.position, "youngest input");
        assertEq(v.exitableAt, block.timestamp + MEP, "deposit inputs: now + MEP");
    }

    /// @dev A deposit younger than a child-block input does not lend the exit its one-MEP rule: the exit
    ///      waits for the latest of its inputs' exitable times.
    function test_start_aYoungerDepositInputDoesNotShortenTheWait() public {
        Input memory child = _childOutput(alice, aliceKey, 5 ether);
        vm.warp(block.timestamp + 1 hours);
        Input memory dep = _depositInput(bob, bobKey, 1);
        assertTrue(dep.position > child.position, "the deposit is the youngest input");
        Ife memory f = _build(_two(child, dep), _outs1(carol, 5 ether + 1), bytes32(0));
        _startIfe(carol, f);
        View memory v = _view(f.txBytes);
        assertEq(v.youngestInputPosition, dep.position, "queued at the youngest input's position");
        assertEq(v.exitableAt, child.inc.timestamp + 2 * MEP, "2 MEP after the child-block input's block");
        (uint256 head, uint256 at) = fw.nextExit(address(0));
        assertEq(head, dep.position, "queue position");
        assertEq(at, child.inc.timestamp + 2 * MEP, "queue exitable time");
    }

    function test_start_oldInputWaitsOneMepFromNow() public {
        (Ife memory f,) = _alicePaysBob();
        vm.warp(block.timestamp + 3 * MEP);
        _startIfe(alice, f);
        assertEq(_exitableAt(f.txBytes), block.timestamp + MEP, "now + MEP");
    }

    function test_start_revertsOnWrongBond() public {
        (Ife memory f,) = _alicePaysBob();
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(InFlightExitGame.WrongBond.selector, 1, IFE_BOND));
        ife.startInFlightExit{value: 1}(f.txBytes, f.inputTxs, f.inputPositions, f.proofs, f.timestamps, f.sigs);
    }

    function test_start_revertsOncePerTransaction() public {
        (Ife memory f,) = _alicePaysBob();
        _startIfe(bob, f);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(InFlightExitGame.InFlightExitExists.selector, _idOf(f.txBytes)));
        ife.startInFlightExit{value: IFE_BOND}(f.txBytes, f.inputTxs, f.inputPositions, f.proofs, f.timestamps, f.sigs);
    }

    function test_start_revertsOnDepositTransaction() public {
        Input memory d = _depositInput(alice, aliceKey, 1 ether);
        Ife memory f = _build(new Input[](0), _outs1(alice, 1 ether), bytes32(0));
        assertEq(f.txBytes, d.txBytes, "a deposit transaction");
        vm.prank(alice);
        vm.expectRevert(InFlightExitGame.NotInFlightPayment.selector);
        ife.startInFlightExit{value: IFE_BOND}(f.txBytes, f.inputTxs, f.inputPositions, f.proofs, f.timestamps, f.sigs);
    }

    function test_start_revertsOnFeeTransaction() public {
        bytes memory feeTx = TxEncoder.encodeTx(2, new uint256[](0), _outs1(operator, 1), bytes32(uint256(1000)));
        vm.prank(alice);
        vm.expectRevert(InFlightExitGame.NotInFlightPayment.selector);
        ife.startInFlightExit{value: IFE_BOND}(
            feeTx, new bytes[](0), new uint256[](0), new bytes[](0), new uint256[](0), new bytes[](0)
        );
    }

    function test_start_revertsOnMalformedTransaction() public {
        uint256[] memory ins = new uint256[](1);
        ins[0] = Position.BLOCK_OFFSET;
        bytes memory badType = TxEncoder.encodeTx(3, ins, _outs1(bob, 1), bytes32(0));
        vm.prank(alice);
        vm.expectRevert(PaymentTx.MalformedTx.selector);
        ife.startInFlightExit{value: IFE_BOND}(
            badType, new bytes[](1), ins, new bytes[](1), new uint256[](1), new bytes[](1)
        );
    }

    function test_start_revertsOnInputCountMismatch() public {
        (Ife memory f,) = _alicePaysBob();
        vm.prank(bob);
        vm.expectRevert(InFlightExitGame.InputCountMismatch.selector);
        ife.startInFlightExit{value: IFE_BOND}(f.txBytes, f.inputTxs, f.inputPositions, f.proofs, f.timestamps, new bytes[](2));
    }

    function test_start_revertsOnInputPositionMismatch() public {
        (Ife memory f,) = _alicePaysBob();
        f.inputPositions[0] += 1;
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(InFlightExitGame.InputPositionMismatch.selector, 0));
        ife.startInFlightExit{value: IFE_BOND}(f.txBytes, f.inputTxs, f.inputPositions, f.proofs, f.timestamps, f.sigs);
    }

    function test_start_revertsWhenTheInputTxLacksTheOutput() public {
        Input memory a = _childOutput(alice, aliceKey, 5 ether);
        a.position += 1; // output 1 of a one-output transaction
        Ife memory f = _build(_one(a), _outs1(bob, 1 ether), bytes32(0));
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(InFlightExitGame.NoSuchOutput.selector, a.position));
        ife.startInFlightExit{value: IFE_BOND}(f.txBytes, f.inputTxs, f.inputPositions, f.proofs, f.timestamps, f.sigs);
    }

    function test_start_revertsOnUnknownBlock() public {
        Input memory a = _childOutput(alice, aliceKey, 5 ether);
        a.position += 1000 * Position.BLOCK_OFFSET;
        Ife memory f = _build(_one(a), _outs1(bob, 1 ether), bytes32(0));
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(ExitGameBase.UnknownBlock.selector, a.position / Position.BLOCK_OFFSET));
        ife.startInFlightExit{value: IFE_BOND}(f.txBytes, f.inputTxs, f.inputPositions, f.proofs, f.timestamps, f.sigs);
    }

    function test_start_revertsWhenAnInputIsNotIncluded() public {
        (Ife memory f, Input memory a) = _alicePaysBob();
        f.timestamps[0] += 1;
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(ExitGameBase.CommitmentMismatch.selector, a.inc.blkNum));
        ife.startInFlightExit{value: IFE_BOND}(f.txBytes, f.inputTxs, f.inputPositions, f.proofs, f.timestamps, f.sigs);
    }

    function test_start_revertsWhenNotSignedByTheInputOwner() public {
        (Ife memory f,) = _alicePaysBob();
        f.sigs[0] = _sign(bobKey, f.txBytes);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(InFlightExitGame.SignerNotOwner.selector, bob, alice));
        ife.startInFlightExit{value: IFE_BOND}(f.txBytes, f.inputTxs, f.inputPositions, f.proofs, f.timestamps, f.sigs);
    }

    function test_start_revertsOnMalformedSignature() public {
        (Ife memory f,) = _alicePaysBob();
        f.sigs[0] = hex"1234";
        vm.prank(bob);
        vm.expectRevert(ExitGameBase.BadSignature.selector);
        ife.startInFlightExit{value: IFE_BOND}(f.txBytes, f.inputTxs, f.inputPositions, f.proofs, f.timestamps, f.sigs);
    }

    function test_start_revertsWhenOutputsExceedInputs() public {
        Input memory a = _childOutput(alice, aliceKey, 5 ether);
        Ife memory f = _build(_one(a), _outs2(bob, 3 ether, alice, 2 ether + 1), bytes32(0));
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(InFlightExitGame.OutputsExceedInputs.selector, address(0)));
        ife.startInFlightExit{value: IFE_BOND}(f.txBytes, f.inputTxs, f.inputPositions, f.proofs, f.timestamps, f.sigs);
    }

    function test_start_revertsWhenAnOutputTokenIsNotAmongTheInputs() public {
        Input memory a = _childOutput(alice, aliceKey, 5 ether);
        TxEncoder.Out[] memory outs = _outs2(bob, 3 ether, alice, 1);
        outs[1].token = address(0xBEEF);
        Ife memory f = _build(_one(a), outs, bytes32(0));
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(InFlightExitGame.OutputsExceedInputs.selector, address(0xBEEF)));
        ife.startInFlightExit{value: IFE_BOND}(f.txBytes, f.inputTxs, f.inputPositions, f.proofs, f.timestamps, f.sigs);
    }

    /// @dev An operator can include an output of any amount in a block; the exit refuses what it cannot store.
    function test_start_revertsOnAnAmountBeyond192Bits() public {
        (uint256 d,,) = _depositEth(alice, 1 ether);
        Input memory a;
        a.txBytes = TxEncoder.payment(d, alice, address(0), 1 << 192);
        a.inc = _submitOne(a.txBytes);
        a.position = a.inc.blkNum * Position.BLOCK_OFFSET;
        a.ownerKey = aliceKey;
        Ife memory f = _build(_one(a), _outs1(bob, 1 ether), bytes32(0));
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(ExitAmount.AmountTooLarge.selector, uint256(1 << 192)));
        ife.startInFlightExit{value: IFE_BOND}(f.txBytes, f.inputTxs, f.inputPositions, f.proofs, f.timestamps, f.sigs);
    }

    /// @dev Output amounts near 2^256 are refused with the specific error, not an arithmetic panic: no
    ///      transaction with an output of 2^192 or more decodes, so it has no digest to sign either.
    function test_start_revertsOnOverflowingOutputs() public {
        Input memory a = _childOutput(alice, aliceKey, 5 ether);
        Ife memory f = _build(_one(a), _outs2(bob, 1 ether, alice, 1 ether), bytes32(0));
        f.txBytes = TxEncoder.encodeTx(1, f.inputPositions, _outs2(bob, 1 ether, alice, type(uint256).max), bytes32(0));
        bytes memory err = abi.encodeWithSelector(ExitAmount.AmountTooLarge.selector, type(uint256).max);
        vm.expectRevert(err);
        fw.txDigest(f.txBytes);
        vm.prank(bob);
        vm.expectRevert(err);
        ife.startInFlightExit{value: IFE_BOND}(f.txBytes, f.inputTxs, f.inputPositions, f.proofs, f.timestamps, f.sigs);
    }

    function test_constructor_revertsWhenBountyExceedsBond() public {
        vm.expectRevert(InFlightExitGame.BountyExceedsBond.selector);
        new InFlightExitGame(IPlasmaFramework(address(fw)), IFE_BOND, 1, 2);
    }

    // ================================================================ piggybacks

    /// @dev The ETH entry exists from the start: ETH piggybacks add none.
    function test_piggyback_ethPiggybacksQueueNothingMore() public {
        (Ife memory f, Input memory a) = _alicePaysBob();
        _startIfe(bob, f);
        uint256 id = _idOf(f.txBytes);
        vm.expectEmit(true, true, true, true);
        emit InFlightExitGame.InFlightExitOutputPiggybacked(id, bob, 0);
        _pbOut(bob, f, 0);
        assertEq(fw.exitQueueLength(address(0)), 1, "the start's entry only");
        (uint256 head, uint256 at) = fw.nextExit(address(0));
        assertEq(head, a.position, "priority of the youngest input");
        assertEq(at, a.inc.timestamp + 2 * MEP, "exitable at");
        vm.expectEmit(true, true, true, true);
        emit InFlightExitGame.InFlightExitInputPiggybacked(id, alice, 0);
        _pbIn(alice, f, 0);
        _pbOut(alice, f, 1);
        assertEq(fw.exitQueueLength(address(0)), 1, "one entry per token");
        View memory v = _view(f.txBytes);
        assertEq(v.piggybackedInputs, 1, "input bitmap");
        assertEq(v.piggybackedOutputs, 3, "output bitmap");
        assertEq(address(ife).balance, 0, "bonds forwarded to the vault");
    }

    function test_piggyback_revertsOnWrongBond() public {
        (Ife memory f,) = _alicePaysBob();
        _startIfe(bob, f);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(InFlightExitGame.WrongBond.selector, 0, PB_BOND));
        ife.piggybackInFlightExitOnOutput(f.txBytes, 0);
    }

    function test_piggyback_revertsOnUnknownExit() public {
        (Ife memory f,) = _alicePaysBob();
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(InFlightExitGame.UnknownInFlightExit.selector, _idOf(f.txBytes)));
        ife.piggybackInFlightExitOnOutput{value: PB_BOND}(f.txBytes, 0);
    }

    function test_piggyback_revertsWhenNotTheOwner() public {
        (Ife memory f,) = _alicePaysBob();
        _startIfe(bob, f);
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(InFlightExitGame.NotOwner.selector, bob));
        ife.piggybackInFlightExitOnOutput{value: PB_BOND}(f.txBytes, 0);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(InFlightExitGame.NotOwner.selector, alice));
        ife.piggybackInFlightExitOnInput{value: PB_BOND}(f.txBytes, 0);
    }

    function test_piggyback_revertsTwice() public {
        (Ife memory f,) = _alicePaysBob();
        _startIfe(bob, f);
        _pbOut(bob, f, 0);
        _pbIn(alice, f, 0);
        vm.prank(bob);
        vm.expectRevert(InFlightExitGame.AlreadyPiggybacked.selector);
        ife.piggybackInFlightExitOnOutput{value: PB_BOND}(f.txBytes, 0);
        vm.prank(alice);
        vm.expectRevert(InFlightExitGame.AlreadyPiggybacked.selector);
        ife.piggybackInFlightExitOnInput{value: PB_BOND}(f.txBytes, 0);
    }

    function test_piggyback_revertsOnMissingIndex() public {
        (Ife memory f,) = _alicePaysBob();
        _startIfe(bob, f);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(InFlightExitGame.NoSuchInput.selector, 1));
        ife.piggybackInFlightExitOnInput{value: PB_BOND}(f.txBytes, 1);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(InFlightExitGame.NoSuchInput.selector, 9));
        ife.piggybackInFlightExitOnInput{value: PB_BOND}(f.txBytes, 9);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(InFlightExitGame.NoSuchInFlightOutput.selector, 2));
        ife.piggybackInFlightExitOnOutput{value: PB_BOND}(f.txBytes, 2);
    }

    function test_piggyback_revertsAfterPeriodOne() public {
        (Ife memory f,) = _alicePaysBob();
        _startIfe(bob, f);
        uint256 end = block.timestamp + MEP / 2;
        vm.warp(end - 1);
        _pbOut(bob, f, 0);
        vm.warp(end);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(InFlightExitGame.PeriodOneOver.selector, end));
        ife.piggybackInFlightExitOnOutput{value: PB_BOND}(f.txBytes, 1);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(InFlightExitGame.PeriodOneOver.selector, end));
        ife.piggybackInFlightExitOnInput{value: PB_BOND}(f.txBytes, 0);
    }

    // ================================================================ processing

    /// @dev Canonical: piggybacked outputs are paid, the input is marked spent, the bond goes back.
    function test_process_canonicalPaysPiggybackedOutputs() public {
        (Ife memory f, Input memory a) = _alicePaysBob();
        _startIfe(alice, f);
        _pbOut(bob, f, 0);
        _pbOut(alice, f, 1);
        uint256 id = _idOf(f.txBytes);
        uint256 bob0 = bob.balance;
        uint256 alice0 = alice.balance;
        uint256 vault0 = address(fw).balance;
        vm.warp(_exitableAt(f.txBytes));
        vm.expectEmit(true, true, true, true);
        emit InFlightExitGame.InFlightExitOutputWithdrawn(id, bob, 0, address(0), 3 ether);
        vm.expectEmit(true, true, true, true);
        emit InFlightExitGame.InFlightExitOutputWithdrawn(id, alice, 1, address(0), 2 ether);
        vm.expectEmit(true, true, true, true);
        emit InFlightExitGame.InFlightExitFinalized(id, address(0), true);
        _process(f.txBytes, address(0), 1);

        assertEq(bob.balance, bob0 + 3 ether + PB_REFUND, "bob: output and bond less bounty");
        assertEq(alice.balance, alice0 + 2 ether + PB_REFUND + IFE_BOND, "alice: output, bond, IFE bond");
        assertEq(processor.balance, 2 * PB_BOUNTY, "two bounties");
        assertEq(address(fw).balance, vault0 - 5 ether - 2 * PB_BOND - IFE_BOND, "vault paid exactly");
        assertEq(fw.exitQueueLength(address(0)), 0, "processed");
        assertTrue(fw.isOutputExited(keccak256(abi.encode(keccak256(a.txBytes), uint256(0)))), "input spent");
        assertTrue(fw.isOutputExited(keccak256(abi.encode(keccak256(f.txBytes), uint256(0)))), "output 0 exited");
        assertTrue(fw.isOutputExited(keccak256(abi.encode(keccak256(f.txBytes), uint256(1)))), "output 1 exited");
        View memory v = _view(f.txBytes);
        assertTrue(v.isCanonical && v.finalized, "finalized canonical");
        assertTrue(v.piggybackedInputs == 0 && v.piggybackedOutputs == 0, "nothing standing");
    }

    /// @dev A piggybacked input of a canonical transaction is not paid; its whole bond comes back (hedging
    ///      both sides is no fault) and it earns the processor nothing.
    function test_process_canonicalRefundsInputPiggyback() public {
        (Ife memory f, Input memory a) = _alicePaysBob();
        _startIfe(alice, f);
        _pbIn(alice, f, 0);
        _pbOut(bob, f, 0);
        uint256 alice0 = alice.balance;
        _process(f.txBytes, address(0), 1);
        assertEq(alice.balance, alice0 + PB_BOND + IFE_BOND, "alice: whole bond and IFE bond, no input");
        assertEq(processor.balance, PB_BOUNTY, "bounty of the paid output only");
        assertTrue(fw.isOutputExited(keccak256(abi.encode(keccak256(a.txBytes), uint256(0)))), "input spent");
    }

    /// @dev Non-canonical (competitor shown, no response): inputs paid, IFE bond to the challenger.
    function test_process_nonCanonicalPaysInputsAndBondToChallenger() public {
        (Ife memory f, Input memory a) = _alicePaysBob();
        _startIfe(bob, f);
        _pbIn(alice, f, 0);
        _pbOut(bob, f, 0);
        (bytes memory c, bytes memory sig) = _competitor(a);
        uint256 id = _idOf(f.txBytes);
        _commit(carol, _txCommitment(carol, f.txBytes, c));
        vm.expectEmit(true, true, true, true);
        emit InFlightExitGame.InFlightExitChallenged(id, carol, NOT_INCLUDED);
        vm.prank(carol);
        ife.challengeInFlightExitNotCanonical(f.txBytes, 0, c, 0, 0, "", 0, sig);
        View memory v = _view(f.txBytes);
        assertEq(v.bondOwner, carol, "bond owner");
        assertEq(v.oldestCompetitorPosition, NOT_INCLUDED, "competitor not included");
        assertTrue(!v.isCanonical, "non-canonical");

        uint256 alice0 = alice.balance;
        uint256 bob0 = bob.balance;
        uint256 carol0 = carol.balance;
        vm.expectEmit(true, true, true, true);
        emit InFlightExitGame.InFlightExitInputWithdrawn(id, alice, 0, address(0), 5 ether);
        vm.expectEmit(true, true, true, true);
        emit InFlightExitGame.InFlightExitFinalized(id, address(0), false);
        _process(f.txBytes, address(0), 1);
        assertEq(alice.balance, alice0 + 5 ether + PB_REFUND, "alice: input back");
        assertEq(bob.balance, bob0 + PB_BOND, "bob: no output, whole bond back");
        assertEq(carol.balance, carol0 + IFE_BOND, "challenger: IFE bond");
        assertEq(processor.balance, PB_BOUNTY, "bounty of the paid input only");
        assertTrue(fw.isOutputExited(keccak256(abi.encode(keccak256(a.txBytes), uint256(0)))), "input exited");
        assertTrue(!fw.isOutputExited(keccak256(abi.encode(keccak256(f.txBytes), uint256(0)))), "output not");
    }

    /// @dev An input already paid by a standard exit makes the exit non-canonical: inputs only, and that
    ///      input is not paid twice. While the standard exit holds the input, its piggyback is refused.
    function test_process_inputExitedByStandardExitPaysInputsOnly() public {
        Input memory a = _childOutput(alice, aliceKey, 5 ether);
        Input memory b = _childOutput(bob, bobKey, 1 ether);
        Ife memory f = _build(_two(a, b), _outs1(carol, 6 ether), bytes32(0));
        _startIfe(carol, f);
        _pbIn(bob, f, 1);
        _pbOut(carol, f, 0);
        // alice double-exits her input through a standard exit, which has the earlier position
        _startExit(alice, a.position, a.txBytes, a.inc);
        bytes32 key = keccak256(abi.encode(keccak256(a.txBytes), uint256(0)));
        vm.expectRevert(abi.encodeWithSelector(ExitController.OutputReserved.selector, key, uint8(0), a.position));
        vm.prank(alice);
        ife.piggybackInFlightExitOnInput{value: PB_BOND}(f.txBytes, 0);
        uint256 alice0 = alice.balance;
        uint256 bob0 = bob.balance;
        uint256 carol0 = carol.balance;
        _process(f.txBytes, address(0), 2);
        assertEq(fw.exitQueueLength(address(0)), 0, "both processed");
        assertEq(alice.balance, alice0 + 5 ether + BOND - BOUNTY, "alice: paid once, by the standard exit");
        assertEq(bob.balance, bob0 + 1 ether + PB_REFUND, "bob: input paid");
        assertEq(carol.balance, carol0 + PB_BOND + IFE_BOND, "carol: no output, whole bonds back");
        assertEq(processor.balance, BOUNTY + PB_BOUNTY, "standard exit bounty and bob's input's");
        View memory v = _view(f.txBytes);
        assertTrue(!v.isCanonical && v.finalized, "frozen non-canonical");
    }

    /// @dev An output paid by the in-flight exit cannot be standard-exited once the tx shows up in a block.
    function test_process_outputPaidByIfeCannotBeStandardExited() public {
        (Ife memory f,) = _alicePaysBob();
        _startIfe(alice, f);
        _pbOut(bob, f, 0);
        _process(f.txBytes, address(0), 1);
        Included memory inc = _submitOne(f.txBytes);
        bytes32 key = keccak256(abi.encode(keccak256(f.txBytes), uint256(0)));
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(ExitController.OutputAlreadyExited.selector, key));
        fw.startStandardExit{value: BOND}(inc.blkNum * Position.BLOCK_OFFSET, f.txBytes, inc.proof, inc.timestamp);
    }

    /// @dev A piggybacked output is the piggyback's alone: once the transaction is included, a standard exit
    ///      of it is refused, and the in-flight exit pays it once.
    function test_process_piggybackedOutputCannotAlsoBeStandardExited() public {
        (Ife memory f,) = _alicePaysBob();
        _startIfe(alice, f);
        _pbOut(bob, f, 0);
        Included memory inc = _submitOne(f.txBytes);
        bytes32 key = keccak256(abi.encode(keccak256(f.txBytes), uint256(0)));
        vm.expectRevert(
            abi.encodeWithSelector(ExitController.OutputReserved.selector, key, uint8(1), _idOf(f.txBytes))
        );
        vm.prank(bob);
        fw.startStandardExit{value: BOND}(inc.blkNum * Position.BLOCK_OFFSET, f.txBytes, inc.proof, inc.timestamp);
        uint256 bob0 = bob.balance;
        _process(f.txBytes, address(0), 1);
        assertEq(bob.balance, bob0 + 3 ether + PB_REFUND, "paid once, by the in-flight exit");
        assertTrue(fw.isOutputExited(key), "exited");
    }

    /// @dev The other way round: an included output in a standard exit cannot be piggybacked, and the
    ///      standard exit pays it once.
    function test_process_outputInStandardExitCannotBePiggybacked() public {
        (Ife memory f,) = _alicePaysBob();
        vm.warp(block.timestamp + 3 * MEP);
        _startIfe(alice, f);
        Included memory inc = _submitOne(f.txBytes);
        uint256 pos = inc.blkNum * Position.BLOCK_OFFSET;
        _startExit(bob, pos, f.txBytes, inc);
        bytes32 key = keccak256(abi.encode(keccak256(f.txBytes), uint256(0)));
        vm.expectRevert(abi.encodeWithSelector(ExitController.OutputReserved.selector, key, uint8(0), pos));
        vm.prank(bob);
        ife.piggybackInFlightExitOnOutput{value: PB_BOND}(f.txBytes, 0);
        vm.warp(inc.timestamp + 2 * MEP);
        uint256 bob0 = bob.balance;
        vm.prank(processor);
        fw.processExits(address(0), 2);
        assertEq(bob.balance, bob0 + 3 ether + BOND - BOUNTY, "paid once, by the standard exit");
        assertTrue(fw.isOutputExited(key), "exited");
    }

    function test_process_mixedEthAndTokenQueuesTwoEntries() public {
        DevToken token = new DevToken("Dev", "DEV");
        Input memory e = _depositInput(alice, aliceKey, 1 ether);
        Input memory t = _tokenDeposit(token, 1000);

        TxEncoder.Out[] memory outs = _outs2(bob, 1 ether, bob, 600);
        outs[1].token = address(token);
        Ife memory f = _build(_two(e, t), outs, bytes32(0));
        _startIfe(alice, f);
        _pbOut(bob, f, 0);
        _pbOut(bob, f, 1);
        assertEq(fw.exitQueueLength(address(0)), 1, "ETH entry");
        assertEq(fw.exitQueueLength(address(token)), 1, "token entry");
        uint256 bob0 = bob.balance;
        uint256 id = _idOf(f.txBytes);
        vm.expectEmit(true, true, true, true);
        emit InFlightExitGame.InFlightExitFinalized(id, address(token), true);
        _process(f.txBytes, address(token), 1);
        assertEq(token.balanceOf(bob), 600, "tokens paid");
        assertEq(bob.balance, bob0 + PB_REFUND, "token piggyback's bond back");
        assertEq(alice.balance, 100 ether - 1 ether - IFE_BOND + IFE_BOND, "IFE bond back once");
        _process(f.txBytes, address(0), 1);
        assertEq(bob.balance, bob0 + 1 ether + 2 * PB_REFUND, "ETH paid");
        assertEq(alice.balance, 99 ether, "IFE bond not paid twice");
        assertEq(token.balanceOf(address(fw)), 400, "fee stays in the vault");
        assertEq(processor.balance, 2 * PB_BOUNTY, "two bounties");
    }

    /// @dev An exit nobody piggybacks is still processed: the initiator gets the bond back to the wei, the
    ///      canonical transaction's input is marked spent, and nothing else is paid.
    function test_process_unpiggybackedExitRefundsTheInitiatorsBond() public {
        (Ife memory f, Input memory a) = _alicePaysBob();
        _startIfe(bob, f);
        uint256 id = _idOf(f.txBytes);
        uint256 bob0 = bob.balance;
        uint256 vault0 = address(fw).balance;
        vm.expectEmit(true, true, true, true);
        emit InFlightExitGame.InFlightExitFinalized(id, address(0), true);
        _process(f.txBytes, address(0), 1);
        assertEq(bob.balance, bob0 + IFE_BOND, "initiator: bond back");
        assertEq(processor.balance, 0, "no piggyback, no bounty");
        assertEq(address(fw).balance, vault0 - IFE_BOND, "the vault paid the bond only");
        assertEq(fw.exitQueueLength(address(0)), 0, "processed");
        assertTrue(_view(f.txBytes).finalized, "finalized");
        assertTrue(fw.isOutputExited(keccak256(abi.encode(keccak256(a.txBytes), uint256(0)))), "input spent");
    }

    /// @dev A watcher that wins the canonicity game of an exit nobody piggybacked is paid the bond to the wei.
    function test_process_unpiggybackedExitPaysTheBondToTheCanonicityChallenger() public {
        (Ife memory f, Input memory a) = _alicePaysBob();
        _startIfe(bob, f);
        (bytes memory c, bytes memory sig) = _competitor(a);
        address watcher = makeAddr("watcher");
        _challengeNotIncluded(watcher, f, c, sig);
        uint256 bob0 = bob.balance;
        _process(f.txBytes, address(0), 1);
        assertEq(watcher.balance, IFE_BOND, "challenger: the bond");
        assertEq(bob.balance, bob0, "initiator: nothing");
        assertEq(fw.exitQueueLength(address(0)), 0, "processed");
        View memory v = _view(f.txBytes);
        assertTrue(v.finalized && !v.isCanonical, "frozen non-canonical");
        assertTrue(!fw.isOutputExited(keccak256(abi.encode(keccak256(a.txBytes), uint256(0)))), "input not spent");
    }

    /// @dev Only a token output is piggybacked: the ETH entry settles the bond, the token's entry the output.
    function test_process_tokenOnlyPiggybackSettlesTheBondThroughTheEthEntry() public {
        DevToken token = new DevToken("Dev", "DEV");
        Input memory t = _tokenDeposit(token, 1000);
        TxEncoder.Out[] memory outs = _outs1(bob, 900);
        outs[0].token = address(token);
        Ife memory f = _build(_one(t), outs, bytes32(0));
        _startIfe(alice, f);
        _pbOut(bob, f, 0);
        assertEq(fw.exitQueueLength(address(0)), 1, "ETH entry");
        assertEq(fw.exitQueueLength(address(token)), 1, "token entry");
        uint256 alice0 = alice.balance;
        _process(f.txBytes, address(0), 1);
        assertEq(alice.balance, alice0 + IFE_BOND, "bond back at the ETH entry");
        assertEq(token.balanceOf(bob), 0, "the output waits for its token's entry");
        uint256 bob0 = bob.balance;
        _process(f.txBytes, address(token), 1);
        assertEq(token.balanceOf(bob), 900, "token output paid");
        assertEq(bob.balance, bob0 + PB_REFUND, "piggyback bond less the bounty");
        assertEq(alice.balance, alice0 + IFE_BOND, "bond not paid twice");
        assertEq(processor.balance, PB_BOUNTY, "one bounty");
    }

    /// @dev The operator puts an output out of nothing into a block and spends it, together with a fresh
    ///      1-wei deposit, in an in-flight exit. The deposit is the youngest input, but the exit waits for
    ///      the forged block's 2 MEP like a standard exit of the forged output would: the honest exits of
    ///      the valid blocks before it, started after the forgery, are paid in full first, and the forged
    ///      exit finds the vault short.
    function test_attack_forgedOutputSpentWithAFreshDepositWaitsBehindHonestExits() public {
        (address mallory, uint256 malloryKey) = makeAddrAndKey("mallory");
        vm.deal(mallory, 1 ether);
        Input memory a = _childOutput(alice, aliceKey, 5 ether);
        vm.warp(block.timestamp + 1 hours);
        Input memory b = _childOutput(bob, bobKey, 3 ether);
        vm.warp(block.timestamp + 1 hours);
        Input memory forged;
        forged.txBytes = TxEncoder.deposit(mallory, address(0), 8 ether); // no inputs, in a child block
        forged.inc = _submitOne(forged.txBytes);
        forged.position = forged.inc.blkNum * Position.BLOCK_OFFSET;
        forged.ownerKey = malloryKey;
        Input memory tiny = _depositInput(mallory, malloryKey, 1);
        Ife memory f = _build(_two(forged, tiny), _outs1(mallory, 8 ether + 1), bytes32(0));
        vm.warp(block.timestamp + 1 minutes);
        _startIfe(mallory, f);
        _pbOut(mallory, f, 0);
        assertEq(_exitableAt(f.txBytes), forged.inc.timestamp + 2 * MEP, "2 MEP after the forged block");

        // the defenders see the invalid block and exit every honest output of the blocks before it
        vm.warp(block.timestamp + 1 hours);
        _startExit(alice, a.position, a.txBytes, a.inc);
        _startExit(bob, b.position, b.txBytes, b.inc);
        (uint256 head,) = fw.nextExit(address(0));
        assertEq(head, a.position, "alice first");

        uint256 alice0 = alice.balance;
        uint256 bob0 = bob.balance;
        uint256 mallory0 = mallory.balance;
        vm.expectEmit(true, true, true, true);
        emit PayoutShort(mallory, address(0), 8 ether + 1);
        _process(f.txBytes, address(0), 10);
        assertEq(fw.exitQueueLength(address(0)), 0, "all processed");
        assertEq(alice.balance, alice0 + 5 ether + BOND - BOUNTY, "alice paid in full");
        assertEq(bob.balance, bob0 + 3 ether + BOND - BOUNTY, "bob paid in full");
        assertEq(mallory.balance, mallory0 + IFE_BOND + PB_REFUND, "mallory: her unchallenged bonds only");
        assertEq(fw.withdrawable(mallory, address(0)), 0, "nothing credited to mallory");
        assertEq(processor.balance, 2 * BOUNTY + PB_BOUNTY, "bounties");
        assertEq(fw.bondsHeld(), 0, "every bond paid");
        assertEq(address(fw).balance, 1, "the vault keeps mallory's wei");
    }

    /// @dev A payee that rejects ETH is credited, and the rest of the queue is processed.
    function test_process_revertingReceiverDoesNotBlockTheQueue() public {
        RevertingReceiver rr = new RevertingReceiver();
        Input memory a = _childOutput(alice, aliceKey, 5 ether);
        Ife memory f = _build(_one(a), _outs2(address(rr), 3 ether, alice, 2 ether), bytes32(0));
        _startIfe(alice, f);
        vm.deal(address(rr), 1 ether);
        rr.execute(address(ife), abi.encodeCall(ife.piggybackInFlightExitOnOutput, (f.txBytes, 0)), PB_BOND);
        _pbOut(alice, f, 1);
        (uint256 pos, bytes memory dtx, Included memory dinc) = _depositEth(bob, 1 ether);
        vm.warp(_exitableAt(f.txBytes) - MEP);
        _startExit(bob, pos, dtx, dinc); // queued behind the in-flight exit
        uint256 alice0 = alice.balance;
        uint256 bob0 = bob.balance;
        vm.expectEmit(true, true, true, true);
        emit PayoutFailed(address(rr), address(0), 3 ether + PB_REFUND);
        _process(f.txBytes, address(0), 2);
        assertEq(fw.exitQueueLength(address(0)), 0, "queue drained");
        assertEq(fw.withdrawable(address(rr), address(0)), 3 ether + PB_REFUND, "credited");
        assertEq(alice.balance, alice0 + 2 ether + PB_REFUND + IFE_BOND, "alice paid");
        assertEq(bob.balance, bob0 + 1 ether + BOND - BOUNTY, "next exit paid");
        rr.setRejecting(false);
        rr.execute(address(fw), abi.encodeCall(fw.withdraw, (address(0))), 0);
        assertEq(address(rr).balance, 1 ether - PB_BOND + 3 ether + PB_REFUND, "pulled");
    }

    function test_finalizeExit_onlyFramework() public {
        vm.expectRevert(ExitGameBase.NotFramework.selector);
        ife.finalizeExit(address(0), 0, 1);
    }

    // ================================================================ canonicity game

    function test_challenge_responseWithEarlierInclusionPaysResponder() public {
        (Ife memory f, Input memory a) = _alicePaysBob();
        _startIfe(alice, f);
        _pbOut(bob, f, 0);
        (bytes memory c, bytes memory sig) = _competitor(a);
        Included memory incF = _submitOne(f.txBytes); // the in-flight tx was included after all
        Included memory incC = _submitOne(c); // and the double spend later
        uint256 posC = incC.blkNum * Position.BLOCK_OFFSET;
        uint256 id = _idOf(f.txBytes);
        _commit(carol, _txCommitment(carol, f.txBytes, c));
        vm.prank(carol);
        ife.challengeInFlightExitNotCanonical(f.txBytes, 0, c, 0, posC, incC.proof, incC.timestamp, sig);
        View memory v = _view(f.txBytes);
        assertEq(v.oldestCompetitorPosition, posC, "included competitor");
        assertTrue(!v.isCanonical, "challenged");

        uint256 posF = incF.blkNum * Position.BLOCK_OFFSET;
        _commit(bob, _responseCommitment(bob, f.txBytes, posF));
        vm.expectEmit(true, true, true, true);
        emit InFlightExitGame.InFlightExitChallengeResponded(id, bob, posF);
        vm.prank(bob);
        ife.respondToNonCanonicalChallenge(f.txBytes, posF, incF.proof, incF.timestamp);
        v = _view(f.txBytes);
        assertTrue(v.isCanonical, "canonical again");
        assertEq(v.bondOwner, bob, "responder owns the bond");
        assertEq(v.oldestCompetitorPosition, posF, "oldest is now the in-flight tx");

        uint256 bob0 = bob.balance;
        uint256 carol0 = carol.balance;
        _process(f.txBytes, address(0), 1);
        assertEq(bob.balance, bob0 + 3 ether + PB_REFUND + IFE_BOND, "bob: output, refund, IFE bond");
        assertEq(carol.balance, carol0, "challenger gets nothing");
    }

    /// @dev An older competitor after a response makes it non-canonical again.
    function test_challenge_olderCompetitorAfterResponse() public {
        (Ife memory f, Input memory a) = _alicePaysBob();
        _startIfe(alice, f);
        (bytes memory c, bytes memory sig) = _competitor(a);
        Included memory incC = _submitOne(c);
        Included memory incF = _submitOne(f.txBytes);
        _challengeNotIncluded(carol, f, c, sig);
        uint256 posF = incF.blkNum * Position.BLOCK_OFFSET;
        _commit(bob, _responseCommitment(bob, f.txBytes, posF));
        vm.prank(bob);
        ife.respondToNonCanonicalChallenge(f.txBytes, posF, incF.proof, incF.timestamp);
        // the included competitor is older than the in-flight tx
        uint256 posC = incC.blkNum * Position.BLOCK_OFFSET;
        address dave = makeAddr("dave");
        _commit(dave, _txCommitment(dave, f.txBytes, c));
        vm.prank(dave);
        ife.challengeInFlightExitNotCanonical(f.txBytes, 0, c, 0, posC, incC.proof, incC.timestamp, sig);
        View memory v = _view(f.txBytes);
        assertTrue(!v.isCanonical, "non-canonical");
        assertEq(v.bondOwner, dave, "latest challenger");
        assertEq(v.oldestCompetitorPosition, posC, "oldest");
        // and the response can no longer beat it
        _commit(alice, _responseCommitment(alice, f.txBytes, posF));
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(InFlightExitGame.ResponseNotOlder.selector, posF, posC));
        ife.respondToNonCanonicalChallenge(f.txBytes, posF, incF.proof, incF.timestamp);
    }

    function test_challenge_revertsWhenCompetitorNotOlder() public {
        (Ife memory f, Input memory a) = _alicePaysBob();
        _startIfe(alice, f);
        (bytes memory c, bytes memory sig) = _competitor(a);
        _challengeNotIncluded(carol, f, c, sig);
        bytes memory c2 = TxEncoder.payment(a.position, bob, address(0), 1 ether);
        bytes memory sig2 = _sign(aliceKey, c2);
        _commit(bob, _txCommitment(bob, f.txBytes, c2));
        vm.prank(bob);
        vm.expectRevert(
            abi.encodeWithSelector(InFlightExitGame.CompetitorNotOlder.selector, NOT_INCLUDED, NOT_INCLUDED)
        );
        ife.challengeInFlightExitNotCanonical(f.txBytes, 0, c2, 0, 0, "", 0, sig2);
    }

    function test_challenge_revertsAfterPeriodOne() public {
        (Ife memory f, Input memory a) = _alicePaysBob();
        _startIfe(alice, f);
        (bytes memory c, bytes memory sig) = _competitor(a);
        _commit(carol, _txCommitment(carol, f.txBytes, c));
        uint256 end = block.timestamp + MEP / 2;
        vm.warp(end);
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(InFlightExitGame.PeriodOneOver.selector, end));
        ife.challengeInFlightExitNotCanonical(f.txBytes, 0, c, 0, 0, "", 0, sig);
    }

    /// @dev A copycat replaying the challenge without a commitment reverts; the committed challenger wins.
    function test_challenge_frontRunnerWithoutCommitmentReverts() public {
        (Ife memory f, Input memory a) = _alicePaysBob();
        _startIfe(bob, f);
        _pbOut(bob, f, 0);
        (bytes memory c, bytes memory sig) = _competitor(a);
        _commit(carol, _txCommitment(carol, f.txBytes, c));
        address mallory = makeAddr("mallory");
        vm.prank(mallory);
        vm.expectRevert(ExitGameBase.NoCommitment.selector);
        ife.challengeInFlightExitNotCanonical(f.txBytes, 0, c, 0, 0, "", 0, sig);
        vm.prank(carol);
        ife.challengeInFlightExitNotCanonical(f.txBytes, 0, c, 0, 0, "", 0, sig);
        uint256 carol0 = carol.balance;
        _process(f.txBytes, address(0), 1);
        assertEq(carol.balance, carol0 + IFE_BOND, "committed challenger paid");
        assertEq(mallory.balance, 0, "copycat paid nothing");
    }

    function test_challenge_revertsWhenCommittedInTheSameBlock() public {
        (Ife memory f, Input memory a) = _alicePaysBob();
        _startIfe(alice, f);
        (bytes memory c, bytes memory sig) = _competitor(a);
        vm.prank(carol);
        fw.commitChallenge(_txCommitment(carol, f.txBytes, c));
        vm.prank(carol);
        vm.expectRevert(ExitGameBase.CommitmentTooRecent.selector);
        ife.challengeInFlightExitNotCanonical(f.txBytes, 0, c, 0, 0, "", 0, sig);
    }

    function test_challenge_revertsOnTheInFlightTxItself() public {
        (Ife memory f,) = _alicePaysBob();
        _startIfe(alice, f);
        _commit(carol, _txCommitment(carol, f.txBytes, f.txBytes));
        vm.prank(carol);
        vm.expectRevert(InFlightExitGame.SameTransaction.selector);
        ife.challengeInFlightExitNotCanonical(f.txBytes, 0, f.txBytes, 0, 0, "", 0, f.sigs[0]);
    }

    function test_challenge_revertsWhenNotSpendingTheInput() public {
        (Ife memory f, Input memory a) = _alicePaysBob();
        _startIfe(alice, f);
        bytes memory c = TxEncoder.payment(a.position + 1, carol, address(0), 5 ether);
        bytes memory sig = _sign(aliceKey, c);
        _commit(carol, _txCommitment(carol, f.txBytes, c));
        vm.prank(carol);
        vm.expectRevert(InFlightExitGame.NotSpending.selector);
        ife.challengeInFlightExitNotCanonical(f.txBytes, 0, c, 0, 0, "", 0, sig);
        vm.prank(carol);
        vm.expectRevert(InFlightExitGame.NotSpending.selector);
        ife.challengeInFlightExitNotCanonical(f.txBytes, 0, c, 1, 0, "", 0, sig);
    }

    function test_challenge_revertsOnMissingInput() public {
        (Ife memory f, Input memory a) = _alicePaysBob();
        _startIfe(alice, f);
        (bytes memory c, bytes memory sig) = _competitor(a);
        _commit(carol, _txCommitment(carol, f.txBytes, c));
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(InFlightExitGame.NoSuchInput.selector, 1));
        ife.challengeInFlightExitNotCanonical(f.txBytes, 1, c, 0, 0, "", 0, sig);
    }

    function test_challenge_revertsWhenCompetitorNotSignedByTheOwner() public {
        (Ife memory f, Input memory a) = _alicePaysBob();
        _startIfe(alice, f);
        (bytes memory c,) = _competitor(a);
        bytes memory sig = _sign(bobKey, c);
        _commit(carol, _txCommitment(carol, f.txBytes, c));
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(InFlightExitGame.SignerNotOwner.selector, bob, alice));
        ife.challengeInFlightExitNotCanonical(f.txBytes, 0, c, 0, 0, "", 0, sig);
    }

    function test_challenge_revertsWhenTheIncludedCompetitorIsNotProven() public {
        (Ife memory f, Input memory a) = _alicePaysBob();
        _startIfe(alice, f);
        (bytes memory c, bytes memory sig) = _competitor(a);
        Included memory incC = _submitOne(c);
        _commit(carol, _txCommitment(carol, f.txBytes, c));
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(ExitGameBase.CommitmentMismatch.selector, incC.blkNum));
        ife.challengeInFlightExitNotCanonical(f.txBytes, 0, c, 0, incC.blkNum * Position.BLOCK_OFFSET, incC.proof, incC.timestamp + 1, sig);
    }

    function test_challenge_revertsOnUnknownExit() public {
        (Ife memory f, Input memory a) = _alicePaysBob();
        (bytes memory c, bytes memory sig) = _competitor(a);
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(InFlightExitGame.UnknownInFlightExit.selector, _idOf(f.txBytes)));
        ife.challengeInFlightExitNotCanonical(f.txBytes, 0, c, 0, 0, "", 0, sig);
    }

    function test_challenge_revertsOnInvalidCompetitorPosition() public {
        (Ife memory f, Input memory a) = _alicePaysBob();
        _startIfe(alice, f);
        (bytes memory c, bytes memory sig) = _competitor(a);
        _commit(carol, _txCommitment(carol, f.txBytes, c));
        uint256 bad = 1000 * Position.BLOCK_OFFSET + 4; // output index 4
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(Position.InvalidPosition.selector, bad));
        ife.challengeInFlightExitNotCanonical(f.txBytes, 0, c, 0, bad, new bytes(512), 0, sig);
    }

    /// @dev Non-canonical with a token input: the token input is paid from the token's queue entry.
    function test_process_nonCanonicalPaysTokenInput() public {
        DevToken token = new DevToken("Dev", "DEV");
        Input memory t = _tokenDeposit(token, 700);
        uint256 pos = t.position;
        TxEncoder.Out[] memory outs = _outs1(bob, 700);
        outs[0].token = address(token);
        Ife memory f = _build(_one(t), outs, bytes32(0));
        _startIfe(bob, f);
        _pbIn(alice, f, 0);
        bytes memory c = TxEncoder.payment(pos, carol, address(token), 700);
        _challengeNotIncluded(carol, f, c, _sign(aliceKey, c));
        assertEq(fw.exitQueueLength(address(token)), 1, "token entry");
        uint256 alice0 = alice.balance;
        _process(f.txBytes, address(token), 1);
        assertEq(token.balanceOf(alice), 700, "token input paid");
        assertEq(alice.balance, alice0 + PB_REFUND, "bond less bounty in ETH");
        assertEq(token.balanceOf(address(fw)), 0, "vault emptied of the token");
    }

    function test_respond_revertsWhenNotChallenged() public {
        (Ife memory f,) = _alicePaysBob();
        _startIfe(alice, f);
        Included memory incF = _submitOne(f.txBytes);
        uint256 posF = incF.blkNum * Position.BLOCK_OFFSET;
        _commit(bob, _responseCommitment(bob, f.txBytes, posF));
        vm.prank(bob);
        vm.expectRevert(InFlightExitGame.NotChallenged.selector);
        ife.respondToNonCanonicalChallenge(f.txBytes, posF, incF.proof, incF.timestamp);
    }

    function test_respond_revertsWithoutCommitment() public {
        (Ife memory f,) = _alicePaysBob();
        _startIfe(alice, f);
        vm.prank(bob);
        vm.expectRevert(ExitGameBase.NoCommitment.selector);
        ife.respondToNonCanonicalChallenge(f.txBytes, 1000 * Position.BLOCK_OFFSET, new bytes(512), 0);
    }

    function test_respond_revertsWhenNotIncluded() public {
        (Ife memory f, Input memory a) = _alicePaysBob();
        _startIfe(alice, f);
        (bytes memory c, bytes memory sig) = _competitor(a);
        _challengeNotIncluded(carol, f, c, sig);
        Included memory other = _submitOne(c);
        uint256 pos = other.blkNum * Position.BLOCK_OFFSET;
        _commit(bob, _responseCommitment(bob, f.txBytes, pos));
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(ExitGameBase.CommitmentMismatch.selector, other.blkNum));
        ife.respondToNonCanonicalChallenge(f.txBytes, pos, other.proof, other.timestamp);
    }

    function test_respond_revertsAfterProcessing() public {
        (Ife memory f, Input memory a) = _alicePaysBob();
        _startIfe(alice, f);
        _pbIn(alice, f, 0);
        (bytes memory c, bytes memory sig) = _competitor(a);
        _challengeNotIncluded(carol, f, c, sig);
        _process(f.txBytes, address(0), 1);
        Included memory incF = _submitOne(f.txBytes);
        uint256 posF = incF.blkNum * Position.BLOCK_OFFSET;
        _commit(bob, _responseCommitment(bob, f.txBytes, posF));
        vm.prank(bob);
        vm.expectRevert(InFlightExitGame.AlreadyFinalized.selector);
        ife.respondToNonCanonicalChallenge(f.txBytes, posF, incF.proof, incF.timestamp);
    }

    /// @dev Responses are accepted in period 2, after the challenge window closed.
    function test_respond_acceptedInPeriodTwo() public {
        (Ife memory f, Input memory a) = _alicePaysBob();
        _startIfe(alice, f);
        (bytes memory c, bytes memory sig) = _competitor(a);
        _challengeNotIncluded(carol, f, c, sig);
        Included memory incF = _submitOne(f.txBytes);
        vm.warp(block.timestamp + MEP / 2 + 1);
        uint256 posF = incF.blkNum * Position.BLOCK_OFFSET;
        _commit(bob, _responseCommitment(bob, f.txBytes, posF));
        vm.prank(bob);
        ife.respondToNonCanonicalChallenge(f.txBytes, posF, incF.proof, incF.timestamp);
        assertTrue(_view(f.txBytes).isCanonical, "canonical");
    }

    // ================================================================ piggyback challenges

    /// @dev Alice double-spent her input: the input piggyback is blocked and its bond goes to the challenger.
    function test_inputSpent_blocksThePiggyback() public {
        (Ife memory f, Input memory a) = _alicePaysBob();
        _startIfe(bob, f);
        _pbIn(alice, f, 0);
        _pbOut(bob, f, 0);
        (bytes memory c, bytes memory sig) = _competitor(a);
        _challengeNotIncluded(carol, f, c, sig);
        uint256 id = _idOf(f.txBytes);
        address dave = makeAddr("dave");
        _commit(dave, _txCommitment(dave, f.txBytes, c));
        vm.expectEmit(true, true, true, true);
        emit InFlightExitGame.InFlightExitInputBlocked(id, dave, 0);
        vm.prank(dave);
        ife.challengeInFlightExitInputSpent(f.txBytes, 0, c, 0, sig);
        assertEq(dave.balance, PB_BOND, "piggyback bond to the challenger");
        assertEq(_view(f.txBytes).piggybackedInputs, 0, "no longer piggybacked");

        uint256 alice0 = alice.balance;
        uint256 bob0 = bob.balance;
        _process(f.txBytes, address(0), 1);
        assertEq(alice.balance, alice0, "alice: nothing");
        assertEq(bob.balance, bob0 + PB_BOND, "bob: losing side, whole bond back");
        assertEq(processor.balance, 0, "no winning piggyback left, no bounty");
        assertTrue(!fw.isOutputExited(keccak256(abi.encode(keccak256(a.txBytes), uint256(0)))), "input not paid");
    }

    function test_inputSpent_revertsWhenNotPiggybacked() public {
        (Ife memory f, Input memory a) = _alicePaysBob();
        _startIfe(bob, f);
        (bytes memory c, bytes memory sig) = _competitor(a);
        _commit(carol, _txCommitment(carol, f.txBytes, c));
        vm.prank(carol);
        vm.expectRevert(InFlightExitGame.NotPiggybacked.selector);
        ife.challengeInFlightExitInputSpent(f.txBytes, 0, c, 0, sig);
        vm.prank(carol);
        vm.expectRevert(InFlightExitGame.NotPiggybacked.selector);
        ife.challengeInFlightExitInputSpent(f.txBytes, 7, c, 0, sig);
    }

    function test_inputSpent_revertsTwiceAndOnTheInFlightTx() public {
        (Ife memory f, Input memory a) = _alicePaysBob();
        _startIfe(bob, f);
        _pbIn(alice, f, 0);
        _commit(carol, _txCommitment(carol, f.txBytes, f.txBytes));
        vm.prank(carol);
        vm.expectRevert(InFlightExitGame.SameTransaction.selector);
        ife.challengeInFlightExitInputSpent(f.txBytes, 0, f.txBytes, 0, f.sigs[0]);
        (bytes memory c, bytes memory sig) = _competitor(a);
        _commit(carol, _txCommitment(carol, f.txBytes, c));
        vm.prank(carol);
        ife.challengeInFlightExitInputSpent(f.txBytes, 0, c, 0, sig);
        vm.prank(carol);
        vm.expectRevert(InFlightExitGame.NotPiggybacked.selector);
        ife.challengeInFlightExitInputSpent(f.txBytes, 0, c, 0, sig);
    }

    function test_inputSpent_revertsWithoutCommitmentOrOnWrongSigner() public {
        (Ife memory f, Input memory a) = _alicePaysBob();
        _startIfe(bob, f);
        _pbIn(alice, f, 0);
        (bytes memory c,) = _competitor(a);
        bytes memory badSig = _sign(bobKey, c);
        vm.prank(carol);
        vm.expectRevert(ExitGameBase.NoCommitment.selector);
        ife.challengeInFlightExitInputSpent(f.txBytes, 0, c, 0, badSig);
        _commit(carol, _txCommitment(carol, f.txBytes, c));
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(InFlightExitGame.SignerNotOwner.selector, bob, alice));
        ife.challengeInFlightExitInputSpent(f.txBytes, 0, c, 0, badSig);
    }

    /// @dev Bob spent his output of the (included) in-flight tx: his piggyback is blocked.
    function test_outputSpent_blocksThePiggyback() public {
        (Ife memory f,) = _alicePaysBob();
        _startIfe(alice, f);
        _pbOut(bob, f, 0);
        _pbOut(alice, f, 1);
        Included memory incF = _submitOne(f.txBytes);
        uint256 posF = incF.blkNum * Position.BLOCK_OFFSET;
        bytes memory spend = TxEncoder.payment(posF, carol, address(0), 3 ether);
        bytes memory sig = _sign(bobKey, spend);
        uint256 id = _idOf(f.txBytes);
        _commit(carol, _txCommitment(carol, f.txBytes, spend));
        uint256 carol0 = carol.balance;
        vm.expectEmit(true, true, true, true);
        emit InFlightExitGame.InFlightExitOutputBlocked(id, carol, 0);
        vm.prank(carol);
        ife.challengeInFlightExitOutputSpent(f.txBytes, 0, posF, incF.proof, incF.timestamp, spend, 0, sig);
        assertEq(carol.balance, carol0 + PB_BOND, "piggyback bond to the challenger");

        uint256 bob0 = bob.balance;
        uint256 alice0 = alice.balance;
        _process(f.txBytes, address(0), 1);
        assertEq(bob.balance, bob0, "bob: nothing");
        assertEq(alice.balance, alice0 + 2 ether + PB_REFUND + IFE_BOND, "alice's output still paid");
        assertTrue(!fw.isOutputExited(keccak256(abi.encode(keccak256(f.txBytes), uint256(0)))), "output 0 not");
    }

    function test_outputSpent_reverts() public {
        (Ife memory f,) = _alicePaysBob();
        _startIfe(alice, f);
        Included memory incF = _submitOne(f.txBytes);
        uint256 posF = incF.blkNum * Position.BLOCK_OFFSET;
        bytes memory spend = TxEncoder.payment(posF, carol, address(0), 3 ether);
        bytes memory sig = _sign(bobKey, spend);
        _commit(carol, _txCommitment(carol, f.txBytes, spend));
        vm.startPrank(carol);
        vm.expectRevert(InFlightExitGame.NotPiggybacked.selector);
        ife.challengeInFlightExitOutputSpent(f.txBytes, 0, posF, incF.proof, incF.timestamp, spend, 0, sig);
        vm.expectRevert(InFlightExitGame.NotPiggybacked.selector);
        ife.challengeInFlightExitOutputSpent(f.txBytes, 4, posF, incF.proof, incF.timestamp, spend, 0, sig);
        vm.stopPrank();
        _pbOut(bob, f, 0);
        vm.startPrank(carol);
        // the spend is of output 0, not 1
        vm.expectRevert(InFlightExitGame.NotPiggybacked.selector);
        ife.challengeInFlightExitOutputSpent(f.txBytes, 1, posF, incF.proof, incF.timestamp, spend, 0, sig);
        vm.expectRevert(abi.encodeWithSelector(ExitGameBase.CommitmentMismatch.selector, incF.blkNum));
        ife.challengeInFlightExitOutputSpent(f.txBytes, 0, posF, incF.proof, incF.timestamp + 1, spend, 0, sig);
        vm.expectRevert(InFlightExitGame.NotSpending.selector);
        ife.challengeInFlightExitOutputSpent(f.txBytes, 0, posF, incF.proof, incF.timestamp, spend, 1, sig);
        bytes memory alicesSig = _sign(aliceKey, spend);
        vm.expectRevert(abi.encodeWithSelector(InFlightExitGame.SignerNotOwner.selector, alice, bob));
        ife.challengeInFlightExitOutputSpent(f.txBytes, 0, posF, incF.proof, incF.timestamp, spend, 0, alicesSig);
        vm.stopPrank();
        vm.prank(bob);
        vm.expectRevert(ExitGameBase.NoCommitment.selector);
        ife.challengeInFlightExitOutputSpent(f.txBytes, 0, posF, incF.proof, incF.timestamp, spend, 0, sig);
    }

    /// @dev A piggyback challenge is still accepted in period 2 (until the piggyback is paid).
    function test_outputSpent_acceptedInPeriodTwoButNotAfterPayment() public {
        (Ife memory f,) = _alicePaysBob();
        _startIfe(alice, f);
        _pbOut(bob, f, 0);
        _pbOut(alice, f, 1);
        Included memory incF = _submitOne(f.txBytes);
        uint256 posF = incF.blkNum * Position.BLOCK_OFFSET;
        bytes memory spendA = TxEncoder.payment(posF + 1, carol, address(0), 2 ether);
        bytes memory sigA = _sign(aliceKey, spendA);
        vm.warp(block.timestamp + MEP / 2 + 1);
        _commit(carol, _txCommitment(carol, f.txBytes, spendA));
        vm.prank(carol);
        ife.challengeInFlightExitOutputSpent(f.txBytes, 1, posF, incF.proof, incF.timestamp, spendA, 0, sigA);
        _process(f.txBytes, address(0), 1);
        bytes memory spendB = TxEncoder.payment(posF, carol, address(0), 3 ether);
        bytes memory sigB = _sign(bobKey, spendB);
        _commit(carol, _txCommitment(carol, f.txBytes, spendB));
        vm.prank(carol);
        vm.expectRevert(InFlightExitGame.NotPiggybacked.selector);
        ife.challengeInFlightExitOutputSpent(f.txBytes, 0, posF, incF.proof, incF.timestamp, spendB, 0, sigB);
    }

    /// @dev Alice deposits `amount` of a fresh-minted `token`; the deposit output as an input.
    function _tokenDeposit(DevToken token, uint256 amount) internal returns (Input memory t) {
        token.mint(alice, amount);
        t.position = fw.nextDepositBlock() * Position.BLOCK_OFFSET;
        t.txBytes = TxEncoder.deposit(alice, address(token), amount);
        bytes[] memory txs = new bytes[](1);
        txs[0] = t.txBytes;
        (, t.inc.proof) = _tree(txs, 0);
        t.inc.timestamp = block.timestamp;
        t.ownerKey = aliceKey;
        vm.startPrank(alice);
        token.approve(address(fw), amount);
        fw.depositErc20(address(token), amount);
        vm.stopPrank();
    }
}
