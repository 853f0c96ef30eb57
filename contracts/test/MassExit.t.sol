// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {MassExitTestBase} from "./utils/MassExitTestBase.sol";
import {TxEncoder} from "./utils/TxEncoder.sol";
import {MassExitGame} from "../src/games/MassExitGame.sol";
import {BatchProof} from "../src/lib/BatchProof.sol";
import {ExitGameBase} from "../src/games/ExitGameBase.sol";
import {IPlasmaFramework} from "../src/interfaces/IPlasmaFramework.sol";
import {CompressedProof} from "../src/lib/CompressedProof.sol";
import {PaymentExitGame} from "../src/framework/PaymentExitGame.sol";
import {ExitController} from "../src/framework/ExitController.sol";
import {DevToken} from "../src/DevToken.sol";
import {RevertingReceiver} from "../src/mocks/RevertingReceiver.sol";
import {Position} from "../src/lib/Position.sol";

contract MassExitTest is MassExitTestBase {
    event PayoutFailed(address indexed owner, address indexed token, uint256 amount);
    event ExitOmitted(uint256 indexed position, address indexed owner);

    address internal dave = address(0xDA7E);

    function setUp() public override {
        super.setUp();
        _fundVault(50 ether);
        vm.deal(dave, 10 ether);
    }

    /// @dev Alice's two deposits and the four outputs a child block pays her, as one batch.
    function _aliceBatch()
        internal
        returns (MassExitGame.MassExitItem[] memory items, MassExitGame.MassExitLeaf[] memory leaves, Block memory b)
    {
        (uint256 d1, bytes memory t1, Included memory i1) = _depositEth(alice, 1 ether);
        (uint256 d2, bytes memory t2, Included memory i2) = _depositEth(alice, 2 ether);
        b = _paymentBlock(_same(alice, 4), 50 * Position.BLOCK_OFFSET);
        items = new MassExitGame.MassExitItem[](6);
        leaves = new MassExitGame.MassExitLeaf[](6);
        items[0] = _depositItem(d1, t1, i1);
        items[1] = _depositItem(d2, t2, i2);
        leaves[0] = _depositLeaf(d1, alice, 1 ether);
        leaves[1] = _depositLeaf(d2, alice, 2 ether);
        for (uint256 i = 0; i < 4; ++i) {
            items[2 + i] = _item(b, i);
            leaves[2 + i] = _leafOf(b, i, alice);
        }
    }

    function _sum(MassExitGame.MassExitLeaf[] memory leaves) internal pure returns (uint256 s) {
        for (uint256 i = 0; i < leaves.length; ++i) s += leaves[i].amount;
    }

    function _process(address token) internal {
        (, uint256 at) = fw.nextExit(token);
        if (at > block.timestamp) vm.warp(at);
        vm.prank(dave);
        fw.processExits(token, 50);
    }

    // ---------------------------------------------------------------- one owner

    function test_oneOwnerBatch_isQueuedOnceAndPaysEveryOutput() public {
        (MassExitGame.MassExitItem[] memory items, MassExitGame.MassExitLeaf[] memory leaves, Block memory b) =
            _aliceBatch();
        uint256 youngest = leaves[5].position;
        uint256 exitableAt = b.timestamp + 2 * MEP; // the child block's outputs wait longest
        assertEq(items[0].proof, hex"0000", "deposit proof is the empty bitmap");
        assertEq(items[2].proof.length, 2 + 2 * 32, "4-tx block: two non-empty siblings");

        uint256 aliceBefore = alice.balance;
        uint256 vaultBefore = address(fw).balance;
        vm.expectEmit(true, true, true, true);
        emit MassExitGame.MassExitStarted(1, alice, address(0), exitableAt, youngest, leaves);
        uint256 batchId = _startMass(alice, address(0), items);
        assertEq(batchId, 1, "first batch id");
        assertEq(alice.balance, aliceBefore - 6 * MASS_BOND, "bond paid");
        assertEq(address(fw).balance, vaultBefore + 6 * MASS_BOND, "bond held by the vault");

        _expectPendingRecord(batchId, alice, 6, _sum(leaves), exitableAt);
        assertEq(fw.exitQueueLength(address(0)), 1, "one queue entry for six outputs");
        (uint256 qp, uint256 qat) = fw.nextExit(address(0));
        assertEq(qp, youngest, "queued at the youngest position");
        assertEq(qat, exitableAt, "queued at the latest exitable time");

        // not yet: processing before exitableAt does nothing
        vm.warp(exitableAt - 1);
        vm.prank(dave);
        assertEq(fw.processExits(address(0), 10), 0, "too early");

        vm.warp(exitableAt);
        uint256 daveBefore = dave.balance;
        vm.expectEmit(true, true, true, true);
        emit MassExitGame.MassExitFinalized(1, address(0));
        vm.prank(dave);
        fw.processExits(address(0), 10);
        assertEq(dave.balance, daveBefore + 6 * MASS_BOUNTY, "processor bounty");
        assertEq(alice.balance, aliceBefore - 6 * MASS_BOUNTY, "bond back minus bounty");
        assertEq(address(massGame).balance, _sum(leaves), "batch amount moved to the game at its priority");

        vm.expectEmit(true, true, true, true);
        emit MassExitGame.MassExitOutputPaid(1, alice, leaves[0].position, 1 ether);
        vm.prank(bob); // anyone may withdraw for the owners
        massGame.withdrawMassExit(batchId, leaves);
        assertEq(alice.balance, aliceBefore - 6 * MASS_BOUNTY + _sum(leaves), "every output paid to the wei");
        assertEq(address(massGame).balance, 0, "game keeps nothing");
        assertEq(address(fw).balance, vaultBefore - _sum(leaves), "vault paid exactly the outputs");
        for (uint256 i = 0; i < 6; ++i) assertTrue(fw.isOutputExited(leaves[i].outputKey), "key flagged");
        (,,,,,, MassExitGame.State state) = massGame.massExits(batchId);
        assertTrue(state == MassExitGame.State.Withdrawn, "withdrawn");
    }

    function _expectPendingRecord(uint256 batchId, address who, uint256 n, uint256 sum, uint256 exitableAt)
        internal
        view
    {
        (address initiator, address token, uint256 count, uint256 remaining, uint256 at, uint256 bitmap,
            MassExitGame.State state) = massGame.massExits(batchId);
        assertEq(initiator, who, "initiator");
        assertEq(token, address(0), "token");
        assertEq(count, n, "count");
        assertEq(remaining, sum, "remaining");
        assertEq(at, exitableAt, "exitableAt");
        assertEq(bitmap, 0, "nothing challenged");
        assertTrue(state == MassExitGame.State.Pending, "pending");
    }

    // -------------------------------------------------------------- many owners

    function test_manyOwners_withConsent_paysEachOwner() public {
        address[] memory owners = new address[](4);
        owners[0] = alice;
        owners[1] = bob;
        owners[2] = alice;
        owners[3] = carol;
        Block memory b = _paymentBlock(owners, 50 * Position.BLOCK_OFFSET);
        MassExitGame.MassExitItem[] memory items = new MassExitGame.MassExitItem[](4);
        MassExitGame.MassExitLeaf[] memory leaves = new MassExitGame.MassExitLeaf[](4);
        for (uint256 i = 0; i < 4; ++i) {
            items[i] = _item(b, i);
            leaves[i] = _leafOf(b, i, owners[i]);
        }
        _consentTo(items[0], aliceKey, carol);
        _consentTo(items[1], bobKey, carol);
        _consentTo(items[2], aliceKey, carol);
        // carol is the initiator: her own output needs no consent

        uint256 a0 = alice.balance;
        uint256 b0 = bob.balance;
        uint256 c0 = carol.balance;
        vm.expectEmit(true, true, true, true);
        emit MassExitGame.MassExitStarted(1, carol, address(0), b.timestamp + 2 * MEP, leaves[3].position, leaves);
        uint256 batchId = _startMass(carol, address(0), items);
        _process(address(0));
        massGame.withdrawMassExit(batchId, leaves);
        assertEq(alice.balance, a0 + _amountOf(0) + _amountOf(2), "alice paid her two outputs");
        assertEq(bob.balance, b0 + _amountOf(1), "bob paid");
        assertEq(carol.balance, c0 - 4 * MASS_BOUNTY + _amountOf(3), "carol: bonds back minus bounties, her output");
    }

    // ---------------------------------------------------------------- challenge

    function test_spentOutputChallenged_honestOutputsPaidInFull() public {
        Block memory b = _paymentBlock(_same(alice, 3), 50 * Position.BLOCK_OFFSET);
        MassExitGame.MassExitItem[] memory items = new MassExitGame.MassExitItem[](3);
        MassExitGame.MassExitLeaf[] memory leaves = new MassExitGame.MassExitLeaf[](3);
        for (uint256 i = 0; i < 3; ++i) {
            items[i] = _item(b, i);
            leaves[i] = _leafOf(b, i, alice);
        }
        uint256 a0 = alice.balance;
        uint256 batchId = _startMass(alice, address(0), items);
        // alice had already spent output 1 to bob
        bytes memory spend = TxEncoder.payment(leaves[1].position, bob, address(0), _amountOf(1));
        bytes memory sig = _sign(aliceKey, spend);

        uint256 bob0 = bob.balance;
        vm.prank(bob);
        fw.commitChallenge(_massCommitment(bob, batchId, 1, spend));
        vm.roll(block.number + 1);
        vm.expectEmit(true, true, true, true);
        emit MassExitGame.MassExitOutputChallenged(batchId, bob, 1, leaves[1].position);
        vm.prank(bob);
        massGame.challengeMassExitOutput(batchId, leaves, 1, spend, 0, sig);
        assertEq(bob.balance, bob0 + MASS_BOND, "challenger gets the leaf's bond");
        (,,, uint256 remaining,, uint256 bitmap,) = massGame.massExits(batchId);
        assertEq(bitmap, 2, "leaf 1 challenged");
        assertEq(remaining, _amountOf(0) + _amountOf(2), "its amount left the batch");

        uint256 d0 = dave.balance;
        _process(address(0));
        assertEq(dave.balance, d0 + 2 * MASS_BOUNTY, "bounty for the two live leaves only");
        massGame.withdrawMassExit(batchId, leaves);
        assertEq(
            alice.balance,
            a0 - 3 * MASS_BOND + 2 * (MASS_BOND - MASS_BOUNTY) + _amountOf(0) + _amountOf(2),
            "honest outputs paid in full; the spent one and its bond lost"
        );
        assertTrue(!fw.isOutputExited(leaves[1].outputKey), "spent output not flagged by the batch");
        assertEq(address(massGame).balance, 0, "game keeps nothing");
    }

    /// @dev Alice's batch is pending and `challenger` committed, a block ago, to revealing a spend of leaf
    ///      `spentLeaf`'s output against leaf `leafIndex`. Returns alice's signature over the spend.
    function _committed(address challenger, uint256 leafIndex, uint256 spentLeaf)
        internal
        returns (uint256 batchId, MassExitGame.MassExitLeaf[] memory leaves, bytes memory spend, bytes memory sig)
    {
        MassExitGame.MassExitItem[] memory items;
        (items, leaves,) = _aliceBatch();
        batchId = _startMass(alice, address(0), items);
        spend = TxEncoder.payment(leaves[spentLeaf].position, bob, address(0), 1);
        sig = _sign(aliceKey, spend);
        vm.prank(challenger);
        fw.commitChallenge(_massCommitment(challenger, batchId, leafIndex, spend));
        vm.roll(block.number + 1);
    }

    function _expectRevealReverts(
        bytes memory err,
        address who,
        uint256 batchId,
        MassExitGame.MassExitLeaf[] memory leaves,
        uint256 leafIndex,
        bytes memory spend,
        uint8 inputIndex,
        bytes memory sig
    ) internal {
        vm.expectRevert(err);
        vm.prank(who);
        massGame.challengeMassExitOutput(batchId, leaves, leafIndex, spend, inputIndex, sig);
    }

    function test_challenge_copycatWithoutCommitmentReverts() public {
        (uint256 batchId, MassExitGame.MassExitLeaf[] memory leaves, bytes memory spend, bytes memory sig) =
            _committed(bob, 2, 2);
        // dave saw bob's reveal in the mempool and sends the same call first
        _expectRevealReverts(abi.encodeWithSelector(ExitGameBase.NoCommitment.selector), dave, batchId, leaves, 2, spend, 0, sig);
        // bob's own reveal still works
        vm.prank(bob);
        massGame.challengeMassExitOutput(batchId, leaves, 2, spend, 0, sig);
    }

    function test_challenge_revealInTheCommitBlockReverts() public {
        (uint256 batchId, MassExitGame.MassExitLeaf[] memory leaves, bytes memory spend, bytes memory sig) =
            _committed(bob, 2, 2);
        vm.prank(carol);
        fw.commitChallenge(_massCommitment(carol, batchId, 2, spend));
        _expectRevealReverts(abi.encodeWithSelector(ExitGameBase.CommitmentTooRecent.selector), carol, batchId, leaves, 2, spend, 0, sig);
    }

    function test_challenge_revertsOnWrongLeaves() public {
        (uint256 batchId, MassExitGame.MassExitLeaf[] memory leaves, bytes memory spend, bytes memory sig) =
            _committed(bob, 2, 2);
        leaves[2].amount += 1;
        _expectRevealReverts(abi.encodeWithSelector(MassExitGame.LeavesMismatch.selector, batchId), bob, batchId, leaves, 2, spend, 0, sig);
    }

    function test_challenge_revertsOnNoSuchLeaf() public {
        (uint256 batchId, MassExitGame.MassExitLeaf[] memory leaves, bytes memory spend, bytes memory sig) =
            _committed(bob, 6, 2);
        _expectRevealReverts(abi.encodeWithSelector(MassExitGame.NoSuchLeaf.selector, 6), bob, batchId, leaves, 6, spend, 0, sig);
    }

    function test_challenge_revertsOnSecondChallengeOfALeaf() public {
        (uint256 batchId, MassExitGame.MassExitLeaf[] memory leaves, bytes memory spend, bytes memory sig) =
            _committed(bob, 2, 2);
        vm.prank(bob);
        massGame.challengeMassExitOutput(batchId, leaves, 2, spend, 0, sig);
        vm.prank(carol);
        fw.commitChallenge(_massCommitment(carol, batchId, 2, spend));
        vm.roll(block.number + 1);
        _expectRevealReverts(abi.encodeWithSelector(MassExitGame.LeafAlreadyChallenged.selector, batchId, 2), carol, batchId, leaves, 2, spend, 0, sig);
    }

    function test_challenge_revertsWhenTxDoesNotSpendTheLeaf() public {
        // spends leaf 3's output, revealed against leaf 2
        (uint256 batchId, MassExitGame.MassExitLeaf[] memory leaves, bytes memory spend, bytes memory sig) =
            _committed(bob, 2, 3);
        _expectRevealReverts(abi.encodeWithSelector(MassExitGame.NotSpendingOutput.selector), bob, batchId, leaves, 2, spend, 0, sig);
        _expectRevealReverts(abi.encodeWithSelector(MassExitGame.NotSpendingOutput.selector), bob, batchId, leaves, 2, spend, 1, sig);
    }

    function test_challenge_revertsWhenSpendNotSignedByOwner() public {
        (uint256 batchId, MassExitGame.MassExitLeaf[] memory leaves, bytes memory spend,) = _committed(bob, 2, 2);
        bytes memory bobSig = _sign(bobKey, spend);
        _expectRevealReverts(abi.encodeWithSelector(MassExitGame.SignerNotOwner.selector, bob), bob, batchId, leaves, 2, spend, 0, bobSig);
        _expectRevealReverts(abi.encodeWithSelector(ExitGameBase.BadSignature.selector), bob, batchId, leaves, 2, spend, 0, hex"1234");
    }

    function test_challenge_revertsAfterProcessing() public {
        (uint256 batchId, MassExitGame.MassExitLeaf[] memory leaves, bytes memory spend, bytes memory sig) =
            _committed(bob, 2, 2);
        _process(address(0));
        _expectRevealReverts(abi.encodeWithSelector(MassExitGame.MassExitNotPending.selector, batchId), bob, batchId, leaves, 2, spend, 0, sig);
    }

    // ------------------------------------------------------------- start errors

    function _oneDeposit() internal returns (MassExitGame.MassExitItem[] memory items) {
        (uint256 d, bytes memory t, Included memory inc) = _depositEth(alice, 1 ether);
        items = new MassExitGame.MassExitItem[](1);
        items[0] = _depositItem(d, t, inc);
    }

    function _expectNothingStored() internal view {
        (,, uint256 count,,,, MassExitGame.State state) = massGame.massExits(1);
        assertEq(count, 0, "no batch");
        assertTrue(state == MassExitGame.State.None, "no state");
        assertEq(fw.exitQueueLength(address(0)), 0, "nothing queued");
    }

    function test_start_revertsOnWrongBond() public {
        MassExitGame.MassExitItem[] memory items = _oneDeposit();
        vm.expectRevert(abi.encodeWithSelector(MassExitGame.WrongBond.selector, MASS_BOND - 1, MASS_BOND));
        vm.prank(alice);
        massGame.startMassExit{value: MASS_BOND - 1}(address(0), items, 0, 0);
        _expectNothingStored();
    }

    function test_start_revertsOnNoItems() public {
        vm.expectRevert(abi.encodeWithSelector(MassExitGame.BadItemCount.selector, 0));
        _startMass(alice, address(0), new MassExitGame.MassExitItem[](0));
    }

    function test_start_revertsOnTooManyItems() public {
        MassExitGame.MassExitItem[] memory items = new MassExitGame.MassExitItem[](257);
        vm.expectRevert(abi.encodeWithSelector(MassExitGame.BadItemCount.selector, 257));
        _startMass(alice, address(0), items);
    }

    function test_start_revertsOnBadProof() public {
        (MassExitGame.MassExitItem[] memory items,, Block memory b) = _aliceBatch();
        // the block's first leaf is checked against the commitment
        items[2].proof[5] ^= 0x01;
        vm.expectRevert(abi.encodeWithSelector(ExitGameBase.CommitmentMismatch.selector, b.blkNum));
        _startMass(alice, address(0), items);
        items[2].proof[5] ^= 0x01;
        // a later leaf of the same block against the path before it: its level-0 sibling (leaf 0) is wrong, so
        // its node at level 1 is not the one the first leaf's proven path holds there
        items[3].proof[5] ^= 0x01;
        vm.expectRevert(abi.encodeWithSelector(BatchProof.PathMismatch.selector, 1, 1));
        _startMass(alice, address(0), items);
        _expectNothingStored();
    }

    /// @dev Proofs chained within a block (lib/BatchProof.sol) start the same batch as plain ones; a chained
    ///      proof whose bitmap names a sibling it does not hold is refused.
    function test_start_chainedProofsOfOneBlock() public {
        (MassExitGame.MassExitItem[] memory items, MassExitGame.MassExitLeaf[] memory leaves,) = _aliceBatch();
        _chainProofs(items);
        assertEq(items[3].proof.length, 2, "leaf 1 needs no sibling: leaf 0 is the kept path's");
        bytes memory third = items[4].proof;
        items[4].proof = abi.encodePacked(third, bytes32(uint256(1)));
        vm.expectRevert(abi.encodeWithSelector(CompressedProof.BadCompressedProof.selector, third.length + 32));
        _startMass(alice, address(0), items);
        items[4].proof = third;
        uint256 batchId = _startMass(alice, address(0), items);
        vm.expectEmit(true, true, true, true);
        emit MassExitGame.MassExitFinalized(batchId, address(0));
        (, uint256 at) = fw.nextExit(address(0));
        vm.warp(at);
        fw.processExits(address(0), 1);
        uint256 alice0 = alice.balance;
        massGame.withdrawMassExit(batchId, leaves);
        assertEq(alice.balance, alice0 + _sum(leaves), "every leaf paid");
    }

    function test_start_revertsOnWrongTimestamp() public {
        MassExitGame.MassExitItem[] memory items = _oneDeposit();
        items[0].blockTimestamp += 1;
        vm.expectRevert(abi.encodeWithSelector(ExitGameBase.CommitmentMismatch.selector, items[0].position / Position.BLOCK_OFFSET));
        _startMass(alice, address(0), items);
    }

    function test_start_revertsOnBadProofLength() public {
        (MassExitGame.MassExitItem[] memory items,,) = _aliceBatch();
        // bitmap claims two siblings, one is missing
        bytes memory p = items[2].proof;
        items[2].proof = new bytes(34);
        for (uint256 i = 0; i < 34; ++i) items[2].proof[i] = p[i];
        vm.expectRevert(abi.encodeWithSelector(CompressedProof.BadCompressedProof.selector, 34));
        _startMass(alice, address(0), items);
        // one byte
        items[2].proof = hex"00";
        vm.expectRevert(abi.encodeWithSelector(CompressedProof.BadCompressedProof.selector, 1));
        _startMass(alice, address(0), items);
        // a trailing extra sibling
        items[2].proof = abi.encodePacked(p, bytes32(uint256(1)));
        vm.expectRevert(abi.encodeWithSelector(CompressedProof.BadCompressedProof.selector, p.length + 32));
        _startMass(alice, address(0), items);
    }

    function test_start_revertsOnUnknownBlock() public {
        MassExitGame.MassExitItem[] memory items = _oneDeposit();
        items[0].position = 7 * Position.BLOCK_OFFSET;
        vm.expectRevert(abi.encodeWithSelector(ExitGameBase.UnknownBlock.selector, 7));
        _startMass(alice, address(0), items);
    }

    function test_start_revertsOnNoSuchOutput() public {
        MassExitGame.MassExitItem[] memory items = _oneDeposit();
        items[0].position += 1;
        vm.expectRevert(abi.encodeWithSelector(MassExitGame.NoSuchOutput.selector, items[0].position));
        _startMass(alice, address(0), items);
    }

    function test_start_revertsOnWrongToken() public {
        MassExitGame.MassExitItem[] memory items = _oneDeposit();
        vm.expectRevert(abi.encodeWithSelector(MassExitGame.WrongToken.selector, items[0].position, address(0)));
        _startMass(alice, address(0xBEEF), items);
    }

    function test_start_revertsOnUnsortedPositions() public {
        (MassExitGame.MassExitItem[] memory items,,) = _aliceBatch();
        (items[3], items[4]) = (items[4], items[3]);
        vm.expectRevert(abi.encodeWithSelector(MassExitGame.PositionsNotIncreasing.selector, items[4].position));
        _startMass(alice, address(0), items);
    }

    function test_start_revertsOnDuplicatePosition() public {
        (MassExitGame.MassExitItem[] memory items,,) = _aliceBatch();
        items[4] = items[3];
        vm.expectRevert(abi.encodeWithSelector(MassExitGame.PositionsNotIncreasing.selector, items[3].position));
        _startMass(alice, address(0), items);
    }

    function test_start_revertsOnAlreadyExitedOutput() public {
        (uint256 d, bytes memory t, Included memory inc) = _depositEth(alice, 1 ether);
        _startExit(alice, d, t, inc);
        vm.warp(block.timestamp + MEP);
        fw.processExits(address(0), 1);
        MassExitGame.MassExitItem[] memory items = new MassExitGame.MassExitItem[](1);
        items[0] = _depositItem(d, t, inc);
        vm.expectRevert(abi.encodeWithSelector(ExitController.OutputAlreadyExited.selector, bytes32(d)));
        _startMass(alice, address(0), items);
    }

    function test_start_revertsOnAlreadyExitedOutputOfAnotherBatch() public {
        MassExitGame.MassExitItem[] memory items = _oneDeposit();
        uint256 batchId = _startMass(alice, address(0), items);
        _process(address(0));
        MassExitGame.MassExitLeaf[] memory leaves = new MassExitGame.MassExitLeaf[](1);
        leaves[0] = _depositLeaf(items[0].position, alice, 1 ether);
        massGame.withdrawMassExit(batchId, leaves);
        vm.expectRevert(abi.encodeWithSelector(ExitController.OutputAlreadyExited.selector, bytes32(items[0].position)));
        _startMass(alice, address(0), items);
    }

    function test_start_revertsForNonOwnerWithoutConsent() public {
        MassExitGame.MassExitItem[] memory items = _oneDeposit();
        vm.expectRevert(abi.encodeWithSelector(MassExitGame.NotOutputOwner.selector, items[0].position, alice));
        _startMass(carol, address(0), items);
    }

    function test_start_revertsOnConsentBySomeoneElse() public {
        MassExitGame.MassExitItem[] memory items = _oneDeposit();
        _consentTo(items[0], bobKey, carol);
        vm.expectRevert(abi.encodeWithSelector(MassExitGame.ConsentNotByOwner.selector, items[0].position, bob));
        _startMass(carol, address(0), items);
    }

    function test_start_revertsOnConsentForAnotherPosition() public {
        MassExitGame.MassExitItem[] memory items = _oneDeposit();
        items[0].consentDeadline = block.timestamp + CONSENT_TTL;
        items[0].signature = _consent(aliceKey, items[0].position + Position.BLOCK_OFFSET, carol, items[0].consentDeadline, items[0].consentMaxBlock);
        // the signature recovers to some other address, never to alice
        address recovered = _recoverConsent(items[0].position, carol, items[0].consentDeadline, items[0].consentMaxBlock, items[0].signature);
        assertTrue(recovered != alice, "not alice");
        vm.expectRevert(
            abi.encodeWithSelector(MassExitGame.ConsentNotByOwner.selector, items[0].position, recovered)
        );
        _startMass(carol, address(0), items);
        _consentTo(items[0], aliceKey, carol);
        _startMass(carol, address(0), items);
    }

    function _recoverConsent(uint256 position, address initiator, uint256 deadline, uint256 maxBlock, bytes memory sig)
        internal
        view
        returns (address)
    {
        return _recover(_consentDigest(position, initiator, deadline, maxBlock), sig);
    }

    function test_start_revertsOnMalformedConsent() public {
        MassExitGame.MassExitItem[] memory items = _oneDeposit();
        items[0].consentDeadline = block.timestamp;
        items[0].signature = hex"0102";
        vm.expectRevert(ExitGameBase.BadSignature.selector);
        _startMass(carol, address(0), items);
    }

    // --------------------------------------------------------- process, withdraw

    function test_withdraw_revertsBeforeProcessingAndTwice() public {
        (MassExitGame.MassExitItem[] memory items, MassExitGame.MassExitLeaf[] memory leaves,) = _aliceBatch();
        uint256 batchId = _startMass(alice, address(0), items);
        vm.expectRevert(abi.encodeWithSelector(MassExitGame.MassExitNotFinalized.selector, batchId));
        massGame.withdrawMassExit(batchId, leaves);
        _process(address(0));
        leaves[0].owner = bob;
        vm.expectRevert(abi.encodeWithSelector(MassExitGame.LeavesMismatch.selector, batchId));
        massGame.withdrawMassExit(batchId, leaves);
        leaves[0].owner = alice;
        massGame.withdrawMassExit(batchId, leaves);
        vm.expectRevert(abi.encodeWithSelector(MassExitGame.MassExitNotFinalized.selector, batchId));
        massGame.withdrawMassExit(batchId, leaves);
    }

    function test_finalize_onlyByFramework() public {
        vm.expectRevert(ExitGameBase.NotFramework.selector);
        massGame.finalizeExit(address(0), 0, 1);
    }

    function test_finalize_ofUnknownBatchPaysNothing() public {
        vm.prank(address(fw));
        assertEq(massGame.finalizeExit(address(0), 0, 42), 0, "no bounty, no revert");
    }

    function test_game_refusesStrayEth() public {
        vm.expectRevert(MassExitGame.UnexpectedEth.selector);
        vm.prank(alice);
        (bool ok,) = address(massGame).call{value: 1}("");
        ok;
    }

    function test_constructor_revertsWhenBountyExceedsBond() public {
        vm.expectRevert(MassExitGame.BountyExceedsBond.selector);
        new MassExitGame(IPlasmaFramework(address(fw)), 1, 2);
    }

    function test_withdraw_revertsWhenNothingCredited() public {
        vm.expectRevert(MassExitGame.NothingToWithdraw.selector);
        vm.prank(alice);
        massGame.withdraw(address(0));
    }

    /// @dev A batch is queued at its youngest position: a standard exit of an output older than the
    ///      batch's youngest one, exitable at the same time, is processed first.
    function test_priority_batchQueuedAtItsYoungestPosition() public {
        (uint256 d1, bytes memory t1, Included memory i1) = _depositEth(alice, 1 ether); // block 1
        (uint256 d2, bytes memory t2, Included memory i2) = _depositEth(bob, 1 ether); // block 2
        _paymentBlock(_same(carol, 1), 50 * Position.BLOCK_OFFSET); // block 1000
        (uint256 d3, bytes memory t3, Included memory i3) = _depositEth(alice, 1 ether); // block 1001
        MassExitGame.MassExitItem[] memory items = new MassExitGame.MassExitItem[](2);
        items[0] = _depositItem(d1, t1, i1);
        items[1] = _depositItem(d3, t3, i3);
        _startMass(alice, address(0), items);
        _startExit(bob, d2, t2, i2);
        (uint256 head,) = fw.nextExit(address(0));
        assertEq(head, d2, "bob's standard exit (block 2) is ahead of the batch (youngest block 1001)");
        vm.warp(block.timestamp + MEP);
        vm.prank(dave);
        fw.processExits(address(0), 1);
        (head,) = fw.nextExit(address(0));
        assertEq(head, d3, "then the batch, at its youngest position");
        (,,,,,, MassExitGame.State state) = massGame.massExits(1);
        assertTrue(state == MassExitGame.State.Pending, "batch not processed with the first exit");
    }

    // --------------------------------------------------- duplicates across games

    /// @dev An output in an open standard exit cannot join a batch, and once that exit paid it, never can.
    function test_duplicate_standardExitOpen_batchOfItReverts() public {
        (uint256 d, bytes memory t, Included memory inc) = _depositEth(alice, 1 ether);
        _startExit(alice, d, t, inc);
        MassExitGame.MassExitItem[] memory items = new MassExitGame.MassExitItem[](1);
        items[0] = _depositItem(d, t, inc);
        vm.expectRevert(abi.encodeWithSelector(ExitController.OutputReserved.selector, bytes32(d), uint8(0), d));
        _startMass(alice, address(0), items);
        (,, uint256 count,,,,) = massGame.massExits(1);
        assertEq(count, 0, "no batch");
        assertEq(fw.exitQueueLength(address(0)), 1, "only the standard exit is queued");
        uint256 a0 = alice.balance;
        uint256 vault0 = address(fw).balance;
        vm.warp(block.timestamp + MEP);
        vm.prank(dave);
        fw.processExits(address(0), 50);
        assertEq(alice.balance, a0 + 1 ether + BOND - BOUNTY, "paid once, by the standard exit");
        assertEq(address(fw).balance, vault0 - 1 ether - BOND, "vault paid the output once");
        vm.expectRevert(abi.encodeWithSelector(ExitController.OutputAlreadyExited.selector, bytes32(d)));
        _startMass(alice, address(0), items);
    }

    /// @dev An output in an open batch cannot be standard-exited, and once the batch paid it, never can.
    function test_duplicate_batchOpen_standardExitOfItReverts() public {
        (uint256 d, bytes memory t, Included memory inc) = _depositEth(alice, 1 ether);
        MassExitGame.MassExitItem[] memory items = new MassExitGame.MassExitItem[](1);
        items[0] = _depositItem(d, t, inc);
        uint256 a0 = alice.balance;
        uint256 vault0 = address(fw).balance;
        uint256 batchId = _startMass(alice, address(0), items);
        (bool reserved, uint8 kind, uint256 id) = fw.outputReservation(bytes32(d));
        assertTrue(reserved && kind == 2 && id == batchId, "held by the batch");
        vm.expectRevert(
            abi.encodeWithSelector(ExitController.OutputReserved.selector, bytes32(d), uint8(2), batchId)
        );
        vm.prank(alice);
        fw.startStandardExit{value: BOND}(d, t, inc.proof, inc.timestamp);
        _process(address(0));
        MassExitGame.MassExitLeaf[] memory leaves = new MassExitGame.MassExitLeaf[](1);
        leaves[0] = _depositLeaf(d, alice, 1 ether);
        massGame.withdrawMassExit(batchId, leaves);
        assertEq(alice.balance, a0 + 1 ether - MASS_BOUNTY, "paid once by the batch, bond back minus bounty");
        assertEq(address(fw).balance, vault0 - 1 ether, "vault paid the output once");
        (reserved,,) = fw.outputReservation(bytes32(d));
        assertTrue(!reserved && fw.isOutputExited(bytes32(d)), "exited");
        vm.expectRevert(abi.encodeWithSelector(ExitController.OutputAlreadyExited.selector, bytes32(d)));
        vm.prank(alice);
        fw.startStandardExit{value: BOND}(d, t, inc.proof, inc.timestamp);
    }

    // ------------------------------------------------------ reverting receiver

    function test_revertingReceiver_isCreditedAndDoesNotBlockTheBatch() public {
        RevertingReceiver r = new RevertingReceiver();
        vm.deal(address(r), 5 ether);
        r.setRejecting(false);
        uint256 rPos = fw.nextDepositBlock() * Position.BLOCK_OFFSET;
        r.execute(address(fw), abi.encodeCall(fw.depositEth, ()), 1 ether);
        bytes memory rTx = TxEncoder.deposit(address(r), address(0), 1 ether);
        bytes[] memory one = new bytes[](1);
        one[0] = rTx;
        (, bytes memory rProof) = _tree(one, 0);
        (uint256 aPos, bytes memory aTx, Included memory aInc) = _depositEth(alice, 2 ether);

        MassExitGame.MassExitItem[] memory items = new MassExitGame.MassExitItem[](2);
        items[0] = MassExitGame.MassExitItem(rPos, rTx, CompressedProof.compress(rProof), block.timestamp, 0, 0, "");
        items[1] = _depositItem(aPos, aTx, aInc);
        _consentTo(items[1], aliceKey, address(r));
        MassExitGame.MassExitLeaf[] memory leaves = new MassExitGame.MassExitLeaf[](2);
        leaves[0] = _depositLeaf(rPos, address(r), 1 ether);
        leaves[1] = _depositLeaf(aPos, alice, 2 ether);
        r.execute(address(massGame), abi.encodeCall(massGame.startMassExit, (address(0), items, bytes32(0), 0)), 2 * MASS_BOND);
        r.setRejecting(true);
        _process(address(0));
        assertEq(fw.withdrawable(address(r), address(0)), 2 * (MASS_BOND - MASS_BOUNTY), "bond refund credited");

        uint256 a0 = alice.balance;
        vm.expectEmit(true, true, true, true);
        emit PayoutFailed(address(r), address(0), 1 ether);
        massGame.withdrawMassExit(1, leaves);
        assertEq(alice.balance, a0 + 2 ether, "alice paid despite the reverting receiver before her");
        assertEq(massGame.withdrawable(address(r), address(0)), 1 ether, "receiver credited");

        r.setRejecting(false);
        uint256 r0 = address(r).balance;
        r.execute(address(massGame), abi.encodeCall(massGame.withdraw, (address(0))), 0);
        assertEq(address(r).balance, r0 + 1 ether, "pulled");
        assertEq(massGame.withdrawable(address(r), address(0)), 0, "credit cleared");
    }

    // -------------------------------------------------------------------- ERC20

    function test_erc20Batch_paysTokens() public {
        DevToken token = new DevToken("Dev", "DEV");
        token.mint(alice, 10 ether);
        vm.prank(alice);
        token.approve(address(fw), 10 ether);
        MassExitGame.MassExitItem[] memory items = new MassExitGame.MassExitItem[](2);
        MassExitGame.MassExitLeaf[] memory leaves = new MassExitGame.MassExitLeaf[](2);
        for (uint256 i = 0; i < 2; ++i) {
            uint256 pos = fw.nextDepositBlock() * Position.BLOCK_OFFSET;
            vm.prank(alice);
            fw.depositErc20(address(token), 1 ether + i);
            bytes memory txBytes = TxEncoder.deposit(alice, address(token), 1 ether + i);
            bytes[] memory one = new bytes[](1);
            one[0] = txBytes;
            (, bytes memory proof) = _tree(one, 0);
            items[i] = MassExitGame.MassExitItem(pos, txBytes, CompressedProof.compress(proof), block.timestamp, 0, 0, "");
            leaves[i] = _depositLeaf(pos, alice, 1 ether + i);
        }
        vm.expectRevert(abi.encodeWithSelector(MassExitGame.WrongToken.selector, items[0].position, address(token)));
        _startMass(alice, address(0), items);
        uint256 batchId = _startMass(alice, address(token), items);
        _process(address(token));
        assertEq(token.balanceOf(address(massGame)), 2 ether + 1, "tokens moved to the game");
        massGame.withdrawMassExit(batchId, leaves);
        assertEq(token.balanceOf(alice), 10 ether, "all tokens back");
        assertEq(token.balanceOf(address(fw)), 0, "vault empty");
    }
}
