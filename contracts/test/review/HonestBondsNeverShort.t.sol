// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {InFlightTestBase} from "../utils/InFlightTestBase.sol";
import {MassExitTestBase} from "../utils/MassExitTestBase.sol";
import {PlasmaTestBase} from "../utils/PlasmaTestBase.sol";
import {TxEncoder} from "../utils/TxEncoder.sol";
import {CallbackToken} from "../utils/OddTokens.sol";
import {MassExitGame} from "../../src/games/MassExitGame.sol";
import {Position} from "../../src/lib/Position.sol";

/// @dev The log-recording cheatcodes, which the shared Vm interface does not declare.
interface VmLogs {
    struct Log {
        bytes32[] topics;
        bytes data;
        address emitter;
    }

    function recordLogs() external;
    function getRecordedLogs() external returns (Log[] memory);
}

/// @notice Promise: honest exits are paid in full and bonds are conserved (docs/security.md 1, promises 1
///         and 2), now that `payout` pays a bond only from `bondsHeld` and reports any part beyond it short.
///         Every bond and bounty a registered game pays on an honest path was deposited through
///         `depositBond` (or `startStandardExit`), so none is ever reported short: standard exits' refunds
///         and bounties, in-flight bonds to the canonicity game's winner, piggyback bonds split between
///         piggybacker, processor and challenger, and mass exits' per-output bonds to initiator, processor
///         and challenger. Each flow ends with no `PayoutShort` or `PayoutFailed`, every party paid to the
///         wei, `bondsHeld` at zero and no ETH left in the vault that no claim covers.
contract HonestBondsNeverShortTest is InFlightTestBase, MassExitTestBase {
    bytes32 internal constant PAYOUT_SHORT = keccak256("PayoutShort(address,address,uint256)");
    bytes32 internal constant PAYOUT_FAILED = keccak256("PayoutFailed(address,address,uint256)");

    VmLogs internal constant LOGS = VmLogs(address(uint160(uint256(keccak256("hevm cheat code")))));

    address internal watcher;
    address internal dave;
    CallbackToken internal token;

    function setUp() public override(InFlightTestBase, PlasmaTestBase) {
        InFlightTestBase.setUp();
        watcher = makeAddr("watcher");
        dave = makeAddr("dave");
        token = new CallbackToken();
    }

    /// @dev One processExits of the ETH queue settles, in one call: alice's standard exit; alice's in-flight
    ///      payment (5 ETH: 3 to bob, 2 to herself), challenged non-canonical by carol with a competitor alice
    ///      also signed and answered by the watcher with its inclusion, both outputs piggybacked; bob's batch
    ///      of three deposits, one challenged by carol with the spend bob signed; and carol's standard exit of
    ///      that spend, once included. Every bond goes where the games say and the vault ends empty.
    function test_held_everyHonestBondAndBountyInOneEthQueue_paidInFull_noneShort() public {
        (uint256 aPos, bytes memory aTx, Included memory aInc) = _depositEth(alice, 1 ether);
        _startExit(alice, aPos, aTx, aInc);

        (Ife memory f, Input memory a) = _alicePaysBob();
        _startIfe(alice, f);
        _pbOut(bob, f, 0);
        _pbOut(alice, f, 1);
        (bytes memory c, bytes memory cSig) = _competitor(a);
        _challengeNotIncluded(carol, f, c, cSig);
        Included memory fInc = _submitOne(f.txBytes);
        uint256 fPos = fInc.blkNum * Position.BLOCK_OFFSET;
        _commit(watcher, _responseCommitment(watcher, f.txBytes, fPos));
        vm.prank(watcher);
        ife.respondToNonCanonicalChallenge(f.txBytes, fPos, fInc.proof, fInc.timestamp);

        (uint256 batchId, MassExitGame.MassExitLeaf[] memory leaves) = _bobsBatch();
        bytes memory spend = TxEncoder.payment(leaves[2].position, carol, address(0), 0.5 ether);
        _challengeLeaf(carol, batchId, leaves, 2, spend, _sign(bobKey, spend));
        Included memory sInc = _submitOne(spend);
        uint256 sPos = sInc.blkNum * Position.BLOCK_OFFSET;
        _startExit(carol, sPos, spend, sInc);

        assertEq(fw.bondsHeld(), 2 * BOND + IFE_BOND + 2 * PB_BOND + 2 * MASS_BOND, "every open exit's bond, no more");
        assertEq(address(fw).balance, 1 ether + 5 ether + 1.2 ether + fw.bondsHeld(), "deposits and bonds");

        uint256 alice0 = alice.balance;
        uint256 bob0 = bob.balance;
        uint256 carol0 = carol.balance;
        vm.warp(block.timestamp + 3 * MEP);
        LOGS.recordLogs();
        vm.prank(processor);
        assertEq(fw.processExits(address(0), 20), 4, "two standard exits, the in-flight exit, the batch");
        massGame.withdrawMassExit(batchId, leaves);
        _assertNeitherShortNorFailed();

        assertEq(alice.balance - alice0, 1 ether + (BOND - BOUNTY) + 2 ether + PB_REFUND, "alice: exit, output 1");
        assertEq(
            bob.balance - bob0,
            3 ether + PB_REFUND + 0.3 ether + 0.4 ether + 2 * (MASS_BOND - MASS_BOUNTY),
            "bob: output 0, his two live leaves, their bonds less the bounties"
        );
        assertEq(carol.balance - carol0, 0.5 ether + BOND - BOUNTY, "carol: the spend she exits");
        assertEq(watcher.balance, IFE_BOND, "the responder wins the in-flight bond");
        assertEq(processor.balance, 2 * BOUNTY + 2 * PB_BOUNTY + 2 * MASS_BOUNTY, "every bounty, once");
        assertEq(fw.bondsHeld(), 0, "every bond paid");
        assertEq(fw.credited(address(0)), 0, "nothing credited");
        assertEq(address(fw).balance, 0, "no ETH stranded in the vault");
        assertEq(address(massGame).balance, 0, "nor in the mass exit game");
    }

    /// @dev A token in-flight exit found non-canonical: alice (100 HOOK) and bob (50 HOOK) pay carol 150;
    ///      alice also signs a competitor to dave, which carol shows (not included, never answered). Alice and
    ///      bob piggyback their inputs, carol her output; the watcher shows alice's input spent and takes its
    ///      piggyback bond. Processing (token queue, then ETH) pays bob's input and the bond less the bounty,
    ///      carol her whole piggyback bond (losing side, no bounty) and the in-flight bond (she won the
    ///      canonicity game); alice's 100 HOOK stay behind the competitor she signed. Nothing is short.
    function test_held_aNonCanonicalTokenExitSplitsItsBondsExactly_noneShort() public {
        Input memory in0 = _hookDepositOf(alice, aliceKey, 100);
        Input memory in1 = _hookDepositOf(bob, bobKey, 50);
        TxEncoder.Out[] memory outs = new TxEncoder.Out[](1);
        outs[0] = TxEncoder.Out(carol, address(token), 150);
        Ife memory f = _build(_two(in0, in1), outs, bytes32(0));
        _startIfe(bob, f);
        _pbIn(alice, f, 0);
        _pbIn(bob, f, 1);
        _pbOut(carol, f, 0);
        bytes memory c = TxEncoder.payment(in0.position, dave, address(token), 100);
        bytes memory cSig = _sign(aliceKey, c);
        _challengeNotIncluded(carol, f, c, cSig);
        _commit(watcher, _txCommitment(watcher, f.txBytes, c));
        vm.prank(watcher);
        ife.challengeInFlightExitInputSpent(f.txBytes, 0, c, 0, cSig);
        assertEq(watcher.balance, PB_BOND, "alice's piggyback bond to the watcher");
        assertEq(fw.bondsHeld(), IFE_BOND + 2 * PB_BOND, "the in-flight bond and two standing piggybacks");

        uint256 bob0 = bob.balance;
        uint256 carol0 = carol.balance;
        uint256 alice0 = alice.balance;
        LOGS.recordLogs();
        _process(f.txBytes, address(token), 10);
        vm.prank(processor);
        assertEq(fw.processExits(address(0), 10), 1, "the in-flight exit's ETH entry");
        _assertNeitherShortNorFailed();

        assertEq(token.balanceOf(bob), 50, "bob's input back");
        assertEq(bob.balance - bob0, PB_REFUND, "bob's bond less the bounty");
        assertEq(token.balanceOf(carol), 0, "the output of a non-canonical transaction is not paid");
        assertEq(carol.balance - carol0, PB_BOND + IFE_BOND, "carol: her whole piggyback bond and the in-flight bond");
        assertEq(alice.balance, alice0, "alice: nothing");
        assertEq(processor.balance, PB_BOUNTY, "one winning piggyback's bounty");
        assertEq(fw.bondsHeld(), 0, "every bond paid");
        assertEq(address(fw).balance, 0, "no ETH stranded");
        assertEq(token.balanceOf(address(fw)), 100, "alice's input, which backs the competitor she signed");
    }

    /// @dev The bounty `processExits` pays is summed over the batch and stays among the bonds held until then:
    ///      ten standard exits processed in one call, then the very last wei of the bond books is the bounty.
    function test_held_theBatchesSummedBountyIsTheLastOfTheBondBooks() public {
        address[10] memory owners;
        for (uint256 i = 0; i < 10; ++i) {
            owners[i] = address(uint160(0xB0B0 + i));
            vm.deal(owners[i], 1 ether);
            (uint256 p, bytes memory t, Included memory inc) = _depositEth(owners[i], 0.5 ether);
            _startExit(owners[i], p, t, inc);
        }
        vm.warp(block.timestamp + MEP);
        LOGS.recordLogs();
        vm.prank(processor);
        assertEq(fw.processExits(address(0), 10), 10, "all ten");
        _assertNeitherShortNorFailed();
        for (uint256 i = 0; i < 10; ++i) {
            assertEq(owners[i].balance, 1 ether - BOUNTY, "each paid in full: all but the bounty back");
        }
        assertEq(processor.balance, 10 * BOUNTY, "ten bounties in one push");
        assertEq(fw.bondsHeld(), 0, "the books at zero");
        assertEq(address(fw).balance, 0, "the vault is empty");
    }

    // ---- helpers ----

    function _assertNeitherShortNorFailed() internal {
        VmLogs.Log[] memory logs = LOGS.getRecordedLogs();
        for (uint256 i = 0; i < logs.length; ++i) {
            if (logs[i].topics.length == 0) continue;
            assertTrue(logs[i].topics[0] != PAYOUT_SHORT, "no payout reported short");
            assertTrue(logs[i].topics[0] != PAYOUT_FAILED, "no payout failed");
        }
    }

    /// @dev bob mass-exits three ETH deposits of 0.3, 0.4 and 0.5 ETH as one batch.
    function _bobsBatch() internal returns (uint256 batchId, MassExitGame.MassExitLeaf[] memory leaves) {
        MassExitGame.MassExitItem[] memory items = new MassExitGame.MassExitItem[](3);
        leaves = new MassExitGame.MassExitLeaf[](3);
        for (uint256 i = 0; i < 3; ++i) {
            uint256 amount = 0.3 ether + i * 0.1 ether;
            (uint256 p, bytes memory t, Included memory inc) = _depositEth(bob, amount);
            items[i] = _depositItem(p, t, inc);
            leaves[i] = _depositLeaf(p, bob, amount);
        }
        batchId = _startMass(bob, address(0), items);
    }

    /// @dev A HOOK deposit of `amount` by `who`, as an in-flight input.
    function _hookDepositOf(address who, uint256 key, uint256 amount) internal returns (Input memory t) {
        token.mint(who, amount);
        t.position = fw.nextDepositBlock() * Position.BLOCK_OFFSET;
        t.txBytes = TxEncoder.deposit(who, address(token), amount);
        bytes[] memory txs = new bytes[](1);
        txs[0] = t.txBytes;
        (, t.inc.proof) = _tree(txs, 0);
        t.inc.timestamp = block.timestamp;
        t.ownerKey = key;
        vm.startPrank(who);
        token.approve(address(fw), amount);
        fw.depositErc20(address(token), amount);
        vm.stopPrank();
    }
}
