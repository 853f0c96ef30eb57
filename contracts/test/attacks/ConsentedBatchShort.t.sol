// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {MassExitTestBase} from "../utils/MassExitTestBase.sol";
import {TxEncoder} from "../utils/TxEncoder.sol";
import {MassExitGame} from "../../src/games/MassExitGame.sol";
import {ExitController} from "../../src/framework/ExitController.sol";
import {CompressedProof} from "../../src/lib/CompressedProof.sol";
import {Position} from "../../src/lib/Position.sol";

/// @notice Promise: an honest output in a valid block, older than any invalid block, is paid in full whatever
///         the operator does (docs/security.md, promise 1), also when its owner lets someone else exit it. A
///         consent names the initiator, a deadline and the youngest block the batch may hold: the initiator
///         cannot put the consented output beside a forgery of a later block, whose amount the vault does not
///         back and whose priority the batch would take.
contract ConsentedBatchShortTest is MassExitTestBase {
    address internal ian; // the initiator alice consented to (colluding with the operator)

    function setUp() public override {
        super.setUp();
        ian = makeAddr("ian");
        vm.deal(ian, 10 ether);
    }

    struct Scene {
        uint256 d; // alice's 1 ETH deposit
        bytes t;
        Included inc;
        MassExitGame.MassExitItem consented; // alice's deposit, her consent for ian up to her deposit's block
        bytes forged; // 1 ETH for ian in a later child block the operator made up
        uint256 fpos;
        MassExitGame.MassExitItem forgery;
    }

    /// @dev Alice deposits 1 ETH and signs a consent for ian, vouching for the blocks up to her deposit's
    ///      (the last one she checked). Then the operator forges 1 ETH for ian in a child block.
    function _scene() internal returns (Scene memory s) {
        (s.d, s.t, s.inc) = _depositEth(alice, 1 ether);
        s.consented = _depositItem(s.d, s.t, s.inc);
        _consentTo(s.consented, aliceKey, ian, s.d / Position.BLOCK_OFFSET);
        vm.warp(block.timestamp + 10);
        s.forged = TxEncoder.payment(999 * Position.BLOCK_OFFSET, ian, address(0), 1 ether);
        Included memory finc = _submitOne(s.forged);
        s.fpos = finc.blkNum * Position.BLOCK_OFFSET;
        s.forgery = MassExitGame.MassExitItem(s.fpos, s.forged, CompressedProof.compress(finc.proof), finc.timestamp, 0, 0, "");
    }

    function _pair(Scene memory s) internal pure returns (MassExitGame.MassExitItem[] memory items) {
        items = new MassExitGame.MassExitItem[](2);
        items[0] = s.consented;
        items[1] = s.forgery;
    }

    function _alone(MassExitGame.MassExitItem memory item) internal pure returns (MassExitGame.MassExitItem[] memory items) {
        items = new MassExitGame.MassExitItem[](1);
        items[0] = item;
    }

    /// @dev Ian batches alice's consented deposit with his forgery: the batch would be queued at the forgery's
    ///      priority and ask the vault for 2 ETH while it backs 1. It reverts, reserves nothing, and the batch
    ///      of alice's output alone pays her in full.
    function test_attack_consentedOutputBatchedWithAForgery_reverts_andTheOwnerIsPaidInFull() public {
        Scene memory s = _scene();
        vm.expectRevert(
            abi.encodeWithSelector(MassExitGame.BatchYoungerThanConsent.selector, s.d, s.d / Position.BLOCK_OFFSET, s.fpos)
        );
        _startMass(ian, address(0), _pair(s));
        _expectFree(bytes32(s.d));
        _expectFree(keccak256(abi.encode(keccak256(s.forged), uint256(0))));

        uint256 batchId = _startMass(ian, address(0), _alone(s.consented));
        (, uint256 at) = fw.nextExit(address(0));
        vm.warp(at);
        fw.processExits(address(0), 10);
        uint256 alice0 = alice.balance;
        MassExitGame.MassExitLeaf[] memory leaves = new MassExitGame.MassExitLeaf[](1);
        leaves[0] = _depositLeaf(s.d, alice, 1 ether);
        vm.expectEmit(true, true, true, true);
        emit MassExitGame.MassExitOutputPaid(batchId, alice, s.d, 1 ether);
        massGame.withdrawMassExit(batchId, leaves);
        assertEq(alice.balance, alice0 + 1 ether, "alice's honest deposit is paid in full");
    }

    /// @dev The bound is signed: ian raising it in the item to let the forgery in makes the signature
    ///      recover to someone else.
    function test_attack_initiatorRaisesTheConsentsBound_reverts() public {
        Scene memory s = _scene();
        MassExitGame.MassExitItem[] memory items = _pair(s);
        items[0].consentMaxBlock = s.fpos / Position.BLOCK_OFFSET;
        address recovered = _recover(
            _consentDigest(s.d, ian, items[0].consentDeadline, items[0].consentMaxBlock), items[0].signature
        );
        assertTrue(recovered != alice, "not alice's consent for that bound");
        vm.expectRevert(abi.encodeWithSelector(MassExitGame.ConsentNotByOwner.selector, s.d, recovered));
        _startMass(ian, address(0), items);
        _expectFree(bytes32(s.d));
    }

    /// @dev Of several consents the tightest bound holds the batch: bob vouches for the forged block (he did
    ///      not check it), alice does not; the batch is refused naming alice's output.
    function test_attack_theTightestConsentBoundsTheBatch() public {
        (uint256 b, bytes memory bt, Included memory binc) = _depositEth(bob, 1 ether);
        Scene memory s = _scene();
        MassExitGame.MassExitItem[] memory items = new MassExitGame.MassExitItem[](3);
        items[0] = _depositItem(b, bt, binc);
        _consentTo(items[0], bobKey, ian, s.fpos / Position.BLOCK_OFFSET);
        items[1] = s.consented;
        items[2] = s.forgery;
        vm.expectRevert(
            abi.encodeWithSelector(MassExitGame.BatchYoungerThanConsent.selector, s.d, s.d / Position.BLOCK_OFFSET, s.fpos)
        );
        _startMass(ian, address(0), items);
        _expectFree(bytes32(b));
        _expectFree(bytes32(s.d));
    }

    /// @dev A consent replayed: while its batch holds the output a second batch reverts, and once the
    ///      output is paid it can never exit again.
    function test_attack_consentReplayed_revertsReservedThenExited() public {
        Scene memory s = _scene();
        uint256 batchId = _startMass(ian, address(0), _alone(s.consented));
        vm.expectRevert(
            abi.encodeWithSelector(ExitController.OutputReserved.selector, bytes32(s.d), uint8(2), batchId)
        );
        _startMass(ian, address(0), _alone(s.consented));

        (, uint256 at) = fw.nextExit(address(0));
        vm.warp(at);
        fw.processExits(address(0), 10);
        MassExitGame.MassExitLeaf[] memory leaves = new MassExitGame.MassExitLeaf[](1);
        leaves[0] = _depositLeaf(s.d, alice, 1 ether);
        uint256 alice0 = alice.balance;
        massGame.withdrawMassExit(batchId, leaves);
        assertEq(alice.balance, alice0 + 1 ether, "alice paid once, in full");
        vm.expectRevert(abi.encodeWithSelector(ExitController.OutputAlreadyExited.selector, bytes32(s.d)));
        _startMass(ian, address(0), _alone(s.consented));
    }

    /// @dev Past its deadline a consent lets nobody reserve the output, alone or in company.
    function test_attack_expiredConsent_reverts() public {
        Scene memory s = _scene();
        vm.warp(s.consented.consentDeadline + 1);
        vm.expectRevert(
            abi.encodeWithSelector(MassExitGame.ConsentExpired.selector, s.d, s.consented.consentDeadline)
        );
        _startMass(ian, address(0), _alone(s.consented));
        vm.expectRevert(
            abi.encodeWithSelector(MassExitGame.ConsentExpired.selector, s.d, s.consented.consentDeadline)
        );
        _startMass(ian, address(0), _pair(s));
        _expectFree(bytes32(s.d));
    }

    function _expectFree(bytes32 key) internal view {
        (bool reserved,,) = fw.outputReservation(key);
        assertTrue(!reserved && !fw.isOutputExited(key), "free");
    }

}
