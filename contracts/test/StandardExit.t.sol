// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {PlasmaTestBase} from "./utils/PlasmaTestBase.sol";
import {TxEncoder} from "./utils/TxEncoder.sol";
import {PaymentExitGame} from "../src/framework/PaymentExitGame.sol";
import {Vault} from "../src/framework/Vault.sol";
import {Merkle} from "../src/lib/Merkle.sol";
import {Position} from "../src/lib/Position.sol";
import {RLPReader} from "../src/lib/RLPReader.sol";
import {PaymentTx} from "../src/lib/PaymentTx.sol";
import {DevToken} from "../src/DevToken.sol";
import {FeeOnTransferToken} from "../src/mocks/FeeOnTransferToken.sol";
import {RevertingReceiver} from "../src/mocks/RevertingReceiver.sol";

contract StandardExitTest is PlasmaTestBase {
    event ExitStarted(
        uint256 indexed position, address indexed owner, address indexed token, uint256 amount, uint256 exitableAt
    );
    event ExitChallenged(uint256 indexed position, address indexed challenger);
    event ExitFinalized(uint256 indexed position, address indexed owner, address indexed token, uint256 amount);
    event PayoutFailed(address indexed owner, address indexed token, uint256 amount);

    // ---- start ----

    function test_start_depositExitIsExitableAfterOneMep() public {
        (uint256 pos, bytes memory txBytes, Included memory inc) = _depositEth(alice, 1 ether);
        vm.expectEmit(true, true, true, true);
        emit ExitStarted(pos, alice, address(0), 1 ether, block.timestamp + MEP);
        _startExit(alice, pos, txBytes, inc);
        (address owner, address token, uint256 amount, PaymentExitGame.ExitState state) = fw.exits(pos);
        assertEq(owner, alice, "owner");
        assertEq(token, address(0), "token");
        assertEq(amount, 1 ether, "amount");
        assertTrue(state == PaymentExitGame.ExitState.Exiting, "state");
        assertEq(fw.exitQueueLength(address(0)), 1, "queued");
        (uint256 qp, uint256 at) = fw.nextExit(address(0));
        assertEq(qp, pos, "head position");
        assertEq(at, block.timestamp + MEP, "head time");
    }

    /// @dev A child-block output exits at max(blockTs + 2 MEP, now + MEP).
    function test_start_childBlockExitWaitsTwoMepFromBlock() public {
        (uint256 dpos,,) = _depositEth(alice, 1 ether);
        bytes memory spend = TxEncoder.payment(dpos, bob, address(0), 1 ether);
        Included memory inc = _submitOne(spend);
        uint256 pos = inc.blkNum * Position.BLOCK_OFFSET;
        vm.warp(block.timestamp + 10);
        _startExit(bob, pos, spend, inc);
        (, uint256 at) = fw.nextExit(address(0));
        assertEq(at, inc.timestamp + 2 * MEP, "young block");
        // an old block: now + MEP dominates
        bytes memory spend2 = TxEncoder.payment(pos, alice, address(0), 1 ether);
        Included memory inc2 = _submitOne(spend2);
        vm.warp(block.timestamp + 5 * MEP);
        _startExit(alice, inc2.blkNum * Position.BLOCK_OFFSET, spend2, inc2);
        (uint256 p2,) = fw.nextExit(address(0));
        assertEq(p2, pos, "older exit first");
    }

    function test_start_proofAtNonZeroIndexAndOutput() public {
        (uint256 dpos,,) = _depositEth(alice, 5 ether);
        bytes[] memory txs = new bytes[](3);
        txs[0] = TxEncoder.payment(dpos + 1, carol, address(0), 1);
        txs[1] = TxEncoder.payment(dpos + 2, carol, address(0), 2);
        uint256[] memory ins = new uint256[](1);
        ins[0] = dpos;
        TxEncoder.Out[] memory outs = new TxEncoder.Out[](2);
        outs[0] = TxEncoder.Out(alice, address(0), 3 ether);
        outs[1] = TxEncoder.Out(bob, address(0), 2 ether);
        txs[2] = TxEncoder.encodeTx(1, ins, outs, bytes32(uint256(42)));
        Included memory inc = _submit(txs, 2);
        uint256 pos = inc.blkNum * Position.BLOCK_OFFSET + 2 * Position.TX_OFFSET + 1;
        _startExit(bob, pos, txs[2], inc);
        (, , uint256 amount,) = fw.exits(pos);
        assertEq(amount, 2 ether, "second output");
    }

    function test_start_revertsOnWrongBond() public {
        (uint256 pos, bytes memory txBytes, Included memory inc) = _depositEth(alice, 1 ether);
        vm.expectRevert(abi.encodeWithSelector(PaymentExitGame.WrongBond.selector, BOND - 1, BOND));
        vm.prank(alice);
        fw.startStandardExit{value: BOND - 1}(pos, txBytes, inc.proof, inc.timestamp);
    }

    function test_start_revertsForNonOwner() public {
        (uint256 pos, bytes memory txBytes, Included memory inc) = _depositEth(alice, 1 ether);
        vm.expectRevert(abi.encodeWithSelector(PaymentExitGame.NotOutputOwner.selector, alice));
        _startExit(bob, pos, txBytes, inc);
    }

    function test_start_revertsOnUnknownBlock() public {
        (, bytes memory txBytes, Included memory inc) = _depositEth(alice, 1 ether);
        vm.expectRevert(abi.encodeWithSelector(PaymentExitGame.UnknownBlock.selector, 5));
        _startExit(alice, 5 * Position.BLOCK_OFFSET, txBytes, inc);
    }

    function test_start_revertsOnCommitmentMismatch() public {
        (uint256 pos, bytes memory txBytes, Included memory inc) = _depositEth(alice, 1 ether);
        inc.timestamp += 1;
        vm.expectRevert(abi.encodeWithSelector(PaymentExitGame.CommitmentMismatch.selector, 1));
        _startExit(alice, pos, txBytes, inc);
        inc.timestamp -= 1;
        inc.proof[0] = 0x01;
        vm.expectRevert(abi.encodeWithSelector(PaymentExitGame.CommitmentMismatch.selector, 1));
        _startExit(alice, pos, txBytes, inc);
        // same bytes claimed at another tx index
        inc.proof[0] = Merkle.zeroHash(0)[0];
        vm.expectRevert(abi.encodeWithSelector(PaymentExitGame.CommitmentMismatch.selector, 1));
        _startExit(alice, pos + Position.TX_OFFSET, txBytes, inc);
    }

    function test_start_revertsOnBadProofLength() public {
        (uint256 pos, bytes memory txBytes, Included memory inc) = _depositEth(alice, 1 ether);
        inc.proof = abi.encodePacked(inc.proof, bytes32(0));
        vm.expectRevert(abi.encodeWithSelector(Merkle.BadProofLength.selector, 544));
        _startExit(alice, pos, txBytes, inc);
    }

    function test_start_revertsOnInvalidPositionAndMissingOutput() public {
        (uint256 pos, bytes memory txBytes, Included memory inc) = _depositEth(alice, 1 ether);
        vm.expectRevert(abi.encodeWithSelector(Position.InvalidPosition.selector, pos + 4));
        _startExit(alice, pos + 4, txBytes, inc);
        vm.expectRevert(abi.encodeWithSelector(Position.InvalidPosition.selector, 5));
        _startExit(alice, 5, txBytes, inc);
        vm.expectRevert(abi.encodeWithSelector(PaymentExitGame.NoSuchOutput.selector, pos + 1));
        _startExit(alice, pos + 1, txBytes, inc);
    }

    function test_start_revertsOnMalformedTx() public {
        (uint256 pos,, Included memory inc) = _depositEth(alice, 1 ether);
        vm.expectRevert(RLPReader.MalformedRlp.selector);
        _startExit(alice, pos, hex"c3010203ff", inc);
        TxEncoder.Out[] memory outs = new TxEncoder.Out[](1);
        outs[0] = TxEncoder.Out(alice, address(0), 1 ether);
        bytes memory badType = TxEncoder.encodeTx(3, new uint256[](0), outs, bytes32(0));
        vm.expectRevert(PaymentTx.MalformedTx.selector);
        _startExit(alice, pos, badType, inc);
    }

    function test_start_revertsWhenAlreadyExiting() public {
        (uint256 pos, bytes memory txBytes, Included memory inc) = _depositEth(alice, 1 ether);
        _startExit(alice, pos, txBytes, inc);
        vm.expectRevert(abi.encodeWithSelector(PaymentExitGame.AlreadyExiting.selector, pos));
        _startExit(alice, pos, txBytes, inc);
    }

    function test_processedOutputCanNeverExitAgain() public {
        (uint256 pos, bytes memory txBytes, Included memory inc) = _depositEth(alice, 1 ether);
        _startExit(alice, pos, txBytes, inc);
        vm.warp(block.timestamp + MEP);
        fw.processExits(address(0), 1);
        assertTrue(fw.isExited(pos), "exited");
        vm.expectRevert(abi.encodeWithSelector(PaymentExitGame.AlreadyExited.selector, pos));
        _startExit(alice, pos, txBytes, inc);
    }

    function test_feeOutputExitsLikeAPaymentOutput() public {
        TxEncoder.Out[] memory outs = new TxEncoder.Out[](2);
        outs[0] = TxEncoder.Out(carol, address(0), 3);
        outs[1] = TxEncoder.Out(carol, address(0xBEEF), 5);
        bytes[] memory txs = new bytes[](2);
        txs[0] = TxEncoder.payment(Position.BLOCK_OFFSET, bob, address(0), 1);
        txs[1] = TxEncoder.encodeTx(2, new uint256[](0), outs, bytes32(uint256(1000)));
        _depositEth(alice, 1 ether);
        Included memory inc = _submit(txs, 1);
        uint256 pos = inc.blkNum * Position.BLOCK_OFFSET + Position.TX_OFFSET;
        _startExit(carol, pos, txs[1], inc);
        vm.warp(block.timestamp + 2 * MEP);
        uint256 before = carol.balance;
        fw.processExits(address(0), 1);
        assertEq(carol.balance, before + 3 + BOND - BOUNTY, "fee output paid");
    }

    // ---- challenge ----

    function _exitingDeposit() internal returns (uint256 pos, bytes memory spend, bytes memory sig) {
        bytes memory txBytes;
        Included memory inc;
        (pos, txBytes, inc) = _depositEth(alice, 1 ether);
        _startExit(alice, pos, txBytes, inc);
        spend = TxEncoder.payment(pos, bob, address(0), 1 ether);
        sig = _sign(aliceKey, spend);
    }

    function test_challenge_paysBondAndBlocksExit() public {
        (uint256 pos, bytes memory spend, bytes memory sig) = _exitingDeposit();
        uint256 before = carol.balance;
        vm.prank(carol);
        fw.commitChallenge(_commitment(carol, pos, spend));
        vm.roll(block.number + 1);
        vm.expectEmit(true, true, false, true);
        emit ExitChallenged(pos, carol);
        vm.prank(carol);
        fw.challengeStandardExit(pos, spend, 0, sig);
        assertEq(carol.balance, before + BOND, "bond to challenger");
        (,,, PaymentExitGame.ExitState state) = fw.exits(pos);
        assertTrue(state == PaymentExitGame.ExitState.Challenged, "challenged");
        assertEq(fw.challengeCommitments(_commitment(carol, pos, spend)), 0, "commitment consumed");
        // processing pops the entry but pays nothing
        vm.warp(block.timestamp + MEP);
        uint256 vault = address(fw).balance;
        fw.processExits(address(0), 5);
        assertEq(address(fw).balance, vault, "nothing paid");
        assertEq(fw.exitQueueLength(address(0)), 0, "popped");
        assertTrue(!fw.isExited(pos), "not exited");
        vm.prank(carol);
        fw.commitChallenge(_commitment(carol, pos, spend));
        vm.roll(block.number + 1);
        vm.expectRevert(abi.encodeWithSelector(PaymentExitGame.ExitNotActive.selector, pos));
        vm.prank(carol);
        fw.challengeStandardExit(pos, spend, 0, sig);
    }

    function test_start_revertsOnChallengedOutput() public {
        (uint256 pos, bytes memory spend, bytes memory sig) = _exitingDeposit();
        _challenge(carol, pos, spend, 0, sig);
        bytes memory txBytes = TxEncoder.deposit(alice, address(0), 1 ether);
        vm.expectRevert(abi.encodeWithSelector(PaymentExitGame.ExitWasChallenged.selector, pos));
        _startExit(alice, pos, txBytes, _single(txBytes, pos / Position.BLOCK_OFFSET));
    }

    function test_challenge_withSpendAtLaterInputIndex() public {
        (uint256 pos,,) = _exitingDeposit();
        uint256[] memory ins = new uint256[](2);
        ins[0] = 77 * Position.BLOCK_OFFSET;
        ins[1] = pos;
        TxEncoder.Out[] memory outs = new TxEncoder.Out[](1);
        outs[0] = TxEncoder.Out(bob, address(0), 2 ether);
        bytes memory spend = TxEncoder.encodeTx(1, ins, outs, bytes32(0));
        _challenge(carol, pos, spend, 1, _sign(aliceKey, spend));
        (,,, PaymentExitGame.ExitState state) = fw.exits(pos);
        assertTrue(state == PaymentExitGame.ExitState.Challenged, "challenged");
    }

    function test_challenge_revertsWithoutCommitment() public {
        (uint256 pos, bytes memory spend, bytes memory sig) = _exitingDeposit();
        vm.expectRevert(PaymentExitGame.NoCommitment.selector);
        vm.prank(carol);
        fw.challengeStandardExit(pos, spend, 0, sig);
    }

    function test_challenge_copycatFromOtherAddressReverts() public {
        (uint256 pos, bytes memory spend, bytes memory sig) = _exitingDeposit();
        vm.prank(carol);
        fw.commitChallenge(_commitment(carol, pos, spend));
        vm.roll(block.number + 1);
        vm.expectRevert(PaymentExitGame.NoCommitment.selector);
        vm.prank(bob);
        fw.challengeStandardExit(pos, spend, 0, sig);
    }

    function test_challenge_revertsInTheCommitBlock() public {
        (uint256 pos, bytes memory spend, bytes memory sig) = _exitingDeposit();
        vm.startPrank(carol);
        fw.commitChallenge(_commitment(carol, pos, spend));
        vm.expectRevert(PaymentExitGame.CommitmentTooRecent.selector);
        fw.challengeStandardExit(pos, spend, 0, sig);
        vm.expectRevert(PaymentExitGame.AlreadyCommitted.selector);
        fw.commitChallenge(_commitment(carol, pos, spend));
        vm.stopPrank();
    }

    function test_challenge_revertsWhenTxDoesNotSpendOutput() public {
        (uint256 pos,,) = _exitingDeposit();
        bytes memory other = TxEncoder.payment(pos + Position.BLOCK_OFFSET, bob, address(0), 1 ether);
        bytes memory sig = _sign(aliceKey, other);
        vm.prank(carol);
        fw.commitChallenge(_commitment(carol, pos, other));
        vm.roll(block.number + 1);
        vm.startPrank(carol);
        vm.expectRevert(PaymentExitGame.NotSpendingOutput.selector);
        fw.challengeStandardExit(pos, other, 0, sig);
        vm.expectRevert(PaymentExitGame.NotSpendingOutput.selector);
        fw.challengeStandardExit(pos, other, 1, sig);
        vm.stopPrank();
    }

    function test_challenge_revertsOnWrongSigner() public {
        (uint256 pos, bytes memory spend,) = _exitingDeposit();
        bytes memory sig = _sign(bobKey, spend);
        vm.prank(carol);
        fw.commitChallenge(_commitment(carol, pos, spend));
        vm.roll(block.number + 1);
        vm.expectRevert(abi.encodeWithSelector(PaymentExitGame.SignerNotOwner.selector, bob));
        vm.prank(carol);
        fw.challengeStandardExit(pos, spend, 0, sig);
    }

    function test_challenge_rejectsMalleableAndMalformedSignatures() public {
        (uint256 pos, bytes memory spend, bytes memory sig) = _exitingDeposit();
        (bytes32 r, bytes32 s, uint8 v) = _split(sig);
        // the malleable twin (n - s, flipped v) recovers to the same key but must be rejected
        uint256 n = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;
        bytes memory twin = abi.encodePacked(r, bytes32(n - uint256(s)), v == 27 ? uint8(28) : uint8(27));
        vm.prank(carol);
        fw.commitChallenge(_commitment(carol, pos, spend));
        vm.roll(block.number + 1);
        vm.startPrank(carol);
        vm.expectRevert(PaymentExitGame.BadSignature.selector);
        fw.challengeStandardExit(pos, spend, 0, twin);
        vm.expectRevert(PaymentExitGame.BadSignature.selector);
        fw.challengeStandardExit(pos, spend, 0, abi.encodePacked(r, s));
        vm.expectRevert(PaymentExitGame.BadSignature.selector);
        fw.challengeStandardExit(pos, spend, 0, abi.encodePacked(r, s, uint8(1)));
        vm.stopPrank();
    }

    function _split(bytes memory sig) internal pure returns (bytes32 r, bytes32 s, uint8 v) {
        assembly {
            r := mload(add(sig, 0x20))
            s := mload(add(sig, 0x40))
            v := byte(0, mload(add(sig, 0x60)))
        }
    }

    // ---- process ----

    function test_process_paysOwnerAndBounty() public {
        (uint256 pos, bytes memory txBytes, Included memory inc) = _depositEth(alice, 1 ether);
        _startExit(alice, pos, txBytes, inc);
        vm.warp(block.timestamp + MEP - 1);
        assertEq(fw.processExits(address(0), 10), 0, "not yet");
        vm.warp(block.timestamp + 1);
        uint256 a = alice.balance;
        uint256 c = carol.balance;
        vm.expectEmit(true, true, true, true);
        emit ExitFinalized(pos, alice, address(0), 1 ether);
        vm.prank(carol);
        assertEq(fw.processExits(address(0), 10), 1, "one processed");
        assertEq(alice.balance, a + 1 ether + BOND - BOUNTY, "owner paid");
        assertEq(carol.balance, c + BOUNTY, "bounty");
        assertEq(address(fw).balance, 0, "vault empty");
    }

    function test_process_respectsPriorityAndMaxExits() public {
        (uint256 p1, bytes memory t1, Included memory i1) = _depositEth(alice, 1);
        (uint256 p2, bytes memory t2, Included memory i2) = _depositEth(alice, 2);
        (uint256 p3, bytes memory t3, Included memory i3) = _depositEth(alice, 3);
        _startExit(alice, p3, t3, i3);
        _startExit(alice, p2, t2, i2);
        vm.warp(block.timestamp + 1);
        _startExit(alice, p1, t1, i1); // later exitable time despite older position
        vm.warp(block.timestamp + MEP + 1);
        fw.processExits(address(0), 1);
        assertTrue(fw.isExited(p2) && !fw.isExited(p3) && !fw.isExited(p1), "p2 first (same time, older)");
        fw.processExits(address(0), 1);
        assertTrue(fw.isExited(p3) && !fw.isExited(p1), "then p3");
        fw.processExits(address(0), 1);
        assertTrue(fw.isExited(p1), "then p1");
    }

    event PayoutShort(address indexed owner, address indexed token, uint256 amount);

    function test_process_exitTheVaultCannotCoverIsNeitherPaidNorCredited() public {
        (uint256 pos, bytes memory txBytes, Included memory inc) = _depositEth(alice, 1 ether);
        _startExit(alice, pos, txBytes, inc);
        // the operator commits a block whose only tx creates 5 ETH that no deposit funds
        bytes memory forged = TxEncoder.deposit(bob, address(0), 5 ether);
        uint256 blkNum = fw.nextChildBlock();
        Included memory finc = _submitOne(forged);
        uint256 fpos = blkNum * Position.BLOCK_OFFSET;
        _startExit(bob, fpos, forged, finc);
        vm.warp(block.timestamp + 3 * MEP);
        uint256 a = alice.balance;
        uint256 b = bob.balance;
        vm.expectEmit(true, true, false, true);
        emit PayoutShort(bob, address(0), 5 ether);
        assertEq(fw.processExits(address(0), 10), 2, "both popped");
        assertEq(alice.balance, a + 1 ether + BOND - BOUNTY, "the honest, older exit is paid in full");
        assertEq(bob.balance, b + BOND - BOUNTY, "the unfunded exit gets its bond back, nothing more");
        assertEq(fw.withdrawable(bob, address(0)), 0, "and no credit that later deposits would pay");
        assertTrue(fw.isExited(fpos), "it can never exit again");
    }

    function test_process_failedEthPayoutIsCreditedAndQueueMovesOn() public {
        RevertingReceiver rr = new RevertingReceiver();
        vm.deal(address(rr), 10 ether);
        uint256 pos = fw.nextDepositBlock() * Position.BLOCK_OFFSET;
        bytes memory txBytes = TxEncoder.deposit(address(rr), address(0), 1 ether);
        rr.execute(address(fw), abi.encodeCall(fw.depositEth, ()), 1 ether);
        Included memory inc = _single(txBytes, pos / Position.BLOCK_OFFSET);
        rr.execute(
            address(fw), abi.encodeCall(fw.startStandardExit, (pos, txBytes, inc.proof, inc.timestamp)), BOND
        );
        (uint256 pos2, bytes memory tx2, Included memory inc2) = _depositEth(alice, 2 ether);
        _startExit(alice, pos2, tx2, inc2);
        vm.warp(block.timestamp + MEP);
        uint256 a = alice.balance;
        vm.expectEmit(true, true, false, true);
        emit PayoutFailed(address(rr), address(0), 1 ether + BOND - BOUNTY);
        assertEq(fw.processExits(address(0), 10), 2, "both processed");
        assertEq(alice.balance, a + 2 ether + BOND - BOUNTY, "alice paid despite the reverting receiver");
        assertEq(fw.withdrawable(address(rr), address(0)), 1 ether + BOND - BOUNTY, "credited");
        vm.expectRevert(
            abi.encodeWithSelector(
                RevertingReceiver.CallFailed.selector, abi.encodeWithSelector(Vault.EthTransferFailed.selector)
            )
        );
        rr.execute(address(fw), abi.encodeCall(fw.withdraw, (address(0))), 0);
        rr.setRejecting(false);
        uint256 b = address(rr).balance;
        rr.execute(address(fw), abi.encodeCall(fw.withdraw, (address(0))), 0);
        assertEq(address(rr).balance, b + 1 ether + BOND - BOUNTY, "pulled");
        assertEq(fw.withdrawable(address(rr), address(0)), 0, "cleared");
    }

    function test_withdraw_revertsWhenNothingOwed() public {
        vm.expectRevert(Vault.NothingToWithdraw.selector);
        vm.prank(alice);
        fw.withdraw(address(0));
    }

    function test_process_erc20ExitAndBlockedTokenPayout() public {
        FeeOnTransferToken token = new FeeOnTransferToken();
        DevToken dev = new DevToken("Dev", "DEV");
        token.mint(alice, 10_000);
        dev.mint(bob, 500);
        vm.startPrank(alice);
        token.approve(address(fw), 10_000);
        uint256 pos = fw.nextDepositBlock() * Position.BLOCK_OFFSET;
        fw.depositErc20(address(token), 10_000);
        vm.stopPrank();
        vm.startPrank(bob);
        dev.approve(address(fw), 500);
        uint256 posDev = fw.nextDepositBlock() * Position.BLOCK_OFFSET;
        fw.depositErc20(address(dev), 500);
        vm.stopPrank();

        bytes memory txBytes = TxEncoder.deposit(alice, address(token), 9_900);
        _startExit(alice, pos, txBytes, _single(txBytes, pos / Position.BLOCK_OFFSET));
        bytes memory txDev = TxEncoder.deposit(bob, address(dev), 500);
        _startExit(bob, posDev, txDev, _single(txDev, posDev / Position.BLOCK_OFFSET));
        token.setBlocked(alice, true);
        vm.warp(block.timestamp + MEP);
        uint256 a = alice.balance;
        fw.processExits(address(token), 10);
        assertEq(fw.withdrawable(alice, address(token)), 9_900, "token payout credited");
        assertEq(alice.balance, a + BOND - BOUNTY, "bond refund still paid in ETH");
        assertEq(fw.exitQueueLength(address(dev)), 1, "other token queue untouched");
        fw.processExits(address(dev), 10);
        assertEq(dev.balanceOf(bob), 500, "dev token paid");
        token.setBlocked(alice, false);
        vm.prank(alice);
        fw.withdraw(address(token));
        assertEq(token.balanceOf(alice), 9_801, "pulled (minus the token's own fee)");
    }

    function _single(bytes memory txBytes, uint256 blkNum) internal view returns (Included memory inc) {
        bytes[] memory txs = new bytes[](1);
        txs[0] = txBytes;
        (inc.root, inc.proof) = _tree(txs, 0);
        inc.blkNum = blkNum;
        inc.timestamp = block.timestamp;
    }
}
