// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {MassExitTestBase} from "./utils/MassExitTestBase.sol";
import {InFlightTestBase} from "./utils/InFlightTestBase.sol";
import {InFlightExitGame} from "../src/games/InFlightExitGame.sol";
import {TxEncoder} from "./utils/TxEncoder.sol";
import {MassExitGame} from "../src/games/MassExitGame.sol";
import {ExitController} from "../src/framework/ExitController.sol";
import {Vault} from "../src/framework/Vault.sol";
import {Position} from "../src/lib/Position.sol";

/// @notice An output is in at most one open exit across every game: the framework keeps one state per
///         output key (free, held by one exit, exited). These tests replay the ways an output could be
///         exited several times at once (many batches of one output, a published consent reused by
///         anyone, a standard exit and a batch of the same output) and check that the honest exits are
///         paid in full, to the wei.
contract OutputReservationTest is MassExitTestBase {
    address internal mallory = address(0xBAD);
    address internal dave = address(0xDA7E);

    function setUp() public override {
        super.setUp();
        vm.deal(mallory, 10 ether);
        vm.deal(dave, 10 ether);
    }

    function _one(uint256 position, bytes memory txBytes, Included memory inc)
        internal
        pure
        returns (MassExitGame.MassExitItem[] memory items)
    {
        items = new MassExitGame.MassExitItem[](1);
        items[0] = _depositItem(position, txBytes, inc);
    }

    function _leaves(uint256 position, address owner, uint256 amount)
        internal
        pure
        returns (MassExitGame.MassExitLeaf[] memory leaves)
    {
        leaves = new MassExitGame.MassExitLeaf[](1);
        leaves[0] = _depositLeaf(position, owner, amount);
    }

    function _expectReserved(bytes32 key, uint8 kind, uint256 id) internal view {
        (bool reserved, uint8 k, uint256 i) = fw.outputReservation(key);
        assertTrue(reserved, "reserved");
        assertEq(k, kind, "holder's kind");
        assertEq(i, id, "holder's id");
    }

    function _expectFree(bytes32 key) internal view {
        (bool reserved,,) = fw.outputReservation(key);
        assertTrue(!reserved && !fw.isOutputExited(key), "free");
    }

    // ------------------------------------------------ one output, many batches

    /// @dev Mallory owns a 1 ETH output and tries to put it in three one-output batches, so that three ETH
    ///      would leave the vault at processing and alice's exit behind them would find it short. Only the
    ///      first batch starts; the others revert and store nothing. Alice's exit, processed in the same
    ///      call, is paid in full, and the vault ends with exactly nothing.
    function test_attack_oneOutputInManyBatches_onlyOneStarts_honestExitPaidInFull() public {
        (uint256 dm, bytes memory tm, Included memory im) = _depositEth(mallory, 1 ether);
        (uint256 da, bytes memory ta, Included memory ia) = _depositEth(alice, 1 ether);
        MassExitGame.MassExitItem[] memory items = _one(dm, tm, im);
        uint256 batchId = _startMass(mallory, address(0), items);
        for (uint256 k = 0; k < 3; ++k) {
            vm.expectRevert(
                abi.encodeWithSelector(ExitController.OutputReserved.selector, bytes32(dm), uint8(2), batchId)
            );
            _startMass(mallory, address(0), items);
        }
        _expectReserved(bytes32(dm), 2, batchId);
        assertEq(fw.exitQueueLength(address(0)), 1, "one entry");
        vm.warp(block.timestamp + 1);
        _startExit(alice, da, ta, ia);

        uint256 alice0 = alice.balance;
        uint256 mallory0 = mallory.balance;
        vm.warp(block.timestamp + MEP);
        vm.prank(dave);
        assertEq(fw.processExits(address(0), 10), 2, "batch and alice's exit");
        assertEq(alice.balance, alice0 + 1 ether + BOND - BOUNTY, "alice paid in full");
        massGame.withdrawMassExit(batchId, _leaves(dm, mallory, 1 ether));
        assertEq(mallory.balance, mallory0 + 1 ether + MASS_BOND - MASS_BOUNTY, "mallory paid her output once");
        assertEq(dave.balance, 10 ether + BOUNTY + MASS_BOUNTY, "processor's bounties");
        assertEq(address(fw).balance, 0, "the vault paid exactly what it held");
        assertEq(address(massGame).balance, 0, "the game keeps nothing");
        assertTrue(fw.isOutputExited(bytes32(dm)) && fw.isOutputExited(bytes32(da)), "both exited");
    }

    /// @dev The same output cannot be in a batch and a standard exit at once, in either order.
    function test_standardExitAndBatchOfOneOutput_excludeEachOther() public {
        (uint256 d, bytes memory t, Included memory inc) = _depositEth(alice, 1 ether);
        _startExit(alice, d, t, inc);
        _expectReserved(bytes32(d), 0, d);
        vm.expectRevert(abi.encodeWithSelector(ExitController.OutputReserved.selector, bytes32(d), uint8(0), d));
        _startMass(alice, address(0), _one(d, t, inc));
    }

    // ------------------------------------------------------------- consents

    /// @dev Alice publishes a consent for carol. Dave copies it into his own batch: it does not recover to
    ///      alice for dave as initiator, so dave cannot reserve (and so block or delay) alice's output, and
    ///      alice's own standard exit starts and is paid in full.
    function test_attack_publishedConsentCopiedByAnotherInitiator_reverts() public {
        (uint256 d, bytes memory t, Included memory inc) = _depositEth(alice, 1 ether);
        MassExitGame.MassExitItem[] memory items = _one(d, t, inc);
        _consentTo(items[0], aliceKey, carol);
        address recovered =
            _recover(_consentDigest(d, dave, items[0].consentDeadline, items[0].consentMaxBlock), items[0].signature);
        assertTrue(recovered != alice, "not alice's consent for dave");
        vm.expectRevert(abi.encodeWithSelector(MassExitGame.ConsentNotByOwner.selector, d, recovered));
        _startMass(dave, address(0), items);
        _expectFree(bytes32(d));

        uint256 alice0 = alice.balance;
        _startExit(alice, d, t, inc);
        vm.warp(block.timestamp + MEP);
        fw.processExits(address(0), 1);
        assertEq(alice.balance, alice0 + 1 ether - BOUNTY, "alice exited by herself, in full");
    }

    /// @dev The initiator a consent names can use it once: a second batch of the output reverts while the
    ///      first holds it, and after the first paid it the output can never exit again.
    function test_attack_consentReusedByItsInitiator_revertsReservedThenExited() public {
        (uint256 d, bytes memory t, Included memory inc) = _depositEth(alice, 1 ether);
        MassExitGame.MassExitItem[] memory items = _one(d, t, inc);
        _consentTo(items[0], aliceKey, carol);
        uint256 batchId = _startMass(carol, address(0), items);
        vm.expectRevert(
            abi.encodeWithSelector(ExitController.OutputReserved.selector, bytes32(d), uint8(2), batchId)
        );
        _startMass(carol, address(0), items);

        uint256 alice0 = alice.balance;
        vm.warp(block.timestamp + MEP);
        vm.prank(dave);
        fw.processExits(address(0), 1);
        massGame.withdrawMassExit(batchId, _leaves(d, alice, 1 ether));
        assertEq(alice.balance, alice0 + 1 ether, "alice paid once");
        vm.expectRevert(abi.encodeWithSelector(ExitController.OutputAlreadyExited.selector, bytes32(d)));
        _startMass(carol, address(0), items);
        assertEq(address(fw).balance, 0, "the vault paid exactly what it held");
    }

    /// @dev A consent's deadline bounds how long its initiator may hold it over the owner.
    function test_consent_expiredDeadlineReverts() public {
        (uint256 d, bytes memory t, Included memory inc) = _depositEth(alice, 1 ether);
        MassExitGame.MassExitItem[] memory items = _one(d, t, inc);
        _consentTo(items[0], aliceKey, carol);
        assertEq(
            massGame.consentDigest(d, carol, items[0].consentDeadline, items[0].consentMaxBlock),
            _consentDigest(d, carol, items[0].consentDeadline, items[0].consentMaxBlock),
            "digest as the wallet computes it"
        );
        vm.warp(items[0].consentDeadline + 1);
        vm.expectRevert(
            abi.encodeWithSelector(MassExitGame.ConsentExpired.selector, d, items[0].consentDeadline)
        );
        _startMass(carol, address(0), items);
        vm.warp(items[0].consentDeadline);
        _startMass(carol, address(0), items);
    }

    /// @dev A consent is needed for any output the initiator does not own, even with a deadline set.
    function test_consent_deadlineAloneIsNoConsent() public {
        (uint256 d, bytes memory t, Included memory inc) = _depositEth(alice, 1 ether);
        MassExitGame.MassExitItem[] memory items = _one(d, t, inc);
        items[0].consentDeadline = block.timestamp + 1 days;
        vm.expectRevert(abi.encodeWithSelector(MassExitGame.NotOutputOwner.selector, d, alice));
        _startMass(carol, address(0), items);
    }

    // -------------------------------------------------------------- releases

    /// @dev A standard exit challenged away frees its output (the owner could start another exit of it,
    ///      which the same spend would challenge again).
    function test_release_challengedStandardExitFreesTheOutput() public {
        (uint256 d, bytes memory t, Included memory inc) = _depositEth(alice, 1 ether);
        _startExit(alice, d, t, inc);
        bytes memory spend = TxEncoder.payment(d, bob, address(0), 1 ether);
        _challenge(carol, d, spend, 0, _sign(aliceKey, spend));
        _expectFree(bytes32(d));
        (, , uint256 amount, ) = fw.exits(d);
        assertEq(amount, 0, "the released reservation took the amount's low half with it");
        _startMass(alice, address(0), _one(d, t, inc));
        _expectReserved(bytes32(d), 2, 1);
    }

    /// @dev A challenged leaf frees its output; the batch's other leaves keep theirs.
    function test_release_challengedLeafFreesOnlyItsOutput() public {
        (uint256 d1, bytes memory t1, Included memory i1) = _depositEth(alice, 1 ether);
        (uint256 d2, bytes memory t2, Included memory i2) = _depositEth(alice, 2 ether);
        MassExitGame.MassExitItem[] memory items = new MassExitGame.MassExitItem[](2);
        items[0] = _depositItem(d1, t1, i1);
        items[1] = _depositItem(d2, t2, i2);
        uint256 batchId = _startMass(alice, address(0), items);
        MassExitGame.MassExitLeaf[] memory leaves = new MassExitGame.MassExitLeaf[](2);
        leaves[0] = _depositLeaf(d1, alice, 1 ether);
        leaves[1] = _depositLeaf(d2, alice, 2 ether);
        bytes memory spend = TxEncoder.payment(d1, bob, address(0), 1 ether);
        _challengeLeaf(carol, batchId, leaves, 0, spend, _sign(aliceKey, spend));
        _expectFree(bytes32(d1));
        _expectReserved(bytes32(d2), 2, batchId);
        uint256 alice0 = alice.balance;
        vm.warp(block.timestamp + MEP);
        fw.processExits(address(0), 1);
        massGame.withdrawMassExit(batchId, leaves);
        assertEq(alice.balance, alice0 + 2 ether + MASS_BOND - MASS_BOUNTY, "the honest leaf paid in full");
        assertTrue(!fw.isOutputExited(bytes32(d1)) && fw.isOutputExited(bytes32(d2)), "only the paid leaf exited");
    }

    // ----------------------------------------------------------- the vault

    function test_withdrawAmount_pullsPartOfACreditOnly() public {
        vm.expectRevert(Vault.NothingToWithdraw.selector);
        vm.prank(alice);
        fw.withdrawAmount(address(0), 0);
        vm.expectRevert(abi.encodeWithSelector(Vault.WithdrawExceedsCredit.selector, 1, 0));
        vm.prank(alice);
        fw.withdrawAmount(address(0), 1);
    }
}

/// @notice Piggybacks reserve the output they claim (only its owner can piggyback, so nobody can block an
///         owner's exit this way) and free it when they are challenged away or settled on the side that is
///         not paid.
contract InFlightReservationTest is InFlightTestBase {
    function _expectFree(bytes32 key) internal view {
        (bool reserved,,) = fw.outputReservation(key);
        assertTrue(!reserved && !fw.isOutputExited(key), "free");
    }

    function _expectHeldBy(bytes32 key, uint256 ifeId) internal view {
        (bool reserved, uint8 kind, uint256 id) = fw.outputReservation(key);
        assertTrue(reserved && kind == 1 && id == ifeId, "held by the in-flight exit");
    }

    function test_piggybackOnInput_challengedAway_freesTheInput() public {
        (Ife memory f, Input memory a) = _alicePaysBob();
        _startIfe(bob, f);
        _pbIn(alice, f, 0);
        bytes32 key = keccak256(abi.encode(keccak256(a.txBytes), uint256(0)));
        _expectHeldBy(key, _idOf(f.txBytes));
        (bytes memory c, bytes memory sig) = _competitor(a);
        _commit(carol, _txCommitment(carol, f.txBytes, c));
        vm.prank(carol);
        ife.challengeInFlightExitInputSpent(f.txBytes, 0, c, 0, sig);
        _expectFree(key);
    }

    function test_piggybackOnOutput_challengedAway_freesTheOutput() public {
        (Ife memory f,) = _alicePaysBob();
        _startIfe(alice, f);
        _pbOut(bob, f, 0);
        bytes32 key = keccak256(abi.encode(keccak256(f.txBytes), uint256(0)));
        _expectHeldBy(key, _idOf(f.txBytes));
        Included memory incF = _submitOne(f.txBytes);
        uint256 posF = incF.blkNum * Position.BLOCK_OFFSET;
        bytes memory spend = TxEncoder.payment(posF, carol, address(0), 3 ether);
        bytes memory sig = _sign(bobKey, spend);
        _commit(carol, _txCommitment(carol, f.txBytes, spend));
        vm.prank(carol);
        ife.challengeInFlightExitOutputSpent(f.txBytes, 0, posF, incF.proof, incF.timestamp, spend, 0, sig);
        _expectFree(key);
    }

    /// @dev Non-canonical: the output piggyback is not paid and frees the output; the input is paid.
    function test_nonCanonical_outputSideFreed_inputSideExited() public {
        (Ife memory f, Input memory a) = _alicePaysBob();
        _startIfe(bob, f);
        _pbIn(alice, f, 0);
        _pbOut(bob, f, 0);
        (bytes memory c, bytes memory sig) = _competitor(a);
        _challengeNotIncluded(carol, f, c, sig);
        _process(f.txBytes, address(0), 1);
        _expectFree(keccak256(abi.encode(keccak256(f.txBytes), uint256(0))));
        assertTrue(fw.isOutputExited(keccak256(abi.encode(keccak256(a.txBytes), uint256(0)))), "input paid");
    }

    /// @dev A piggyback can only reserve the piggybacker's own output.
    function test_piggyback_byNonOwnerReservesNothing() public {
        (Ife memory f, Input memory a) = _alicePaysBob();
        _startIfe(bob, f);
        vm.expectRevert(abi.encodeWithSelector(InFlightExitGame.NotOwner.selector, alice));
        _pbIn(bob, f, 0);
        _expectFree(keccak256(abi.encode(keccak256(a.txBytes), uint256(0))));
    }
}
