// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {InFlightTestBase} from "../utils/InFlightTestBase.sol";
import {TxEncoder} from "../utils/TxEncoder.sol";
import {MassExitGame} from "../../src/games/MassExitGame.sol";
import {CompressedProof} from "../../src/lib/CompressedProof.sol";
import {Position} from "../../src/lib/Position.sol";

/// @notice Promise: bonds are conserved. The vault's ETH holds deposits and every game's bonds; an exit of an
///         ETH output the operator forged may take at most the ETH deposits brought, never a bond, and every
///         bond is refunded, paid as a bounty or paid to a challenger, in full.
contract ForgedExitTakesBondsTest is InFlightTestBase {
    event PayoutShort(address indexed owner, address indexed token, uint256 amount);

    address internal mallory;
    uint256 internal malloryKey;

    function setUp() public override {
        super.setUp();
        (mallory, malloryKey) = makeAddrAndKey("mallory");
        vm.deal(mallory, 10 ether);
    }

    /// @dev The vault holds 3 ETH of deposits and the bonds of three exits. Mallory's forged exit of
    ///      3 ETH + one bond reaches the head first: paying it would take a bond, so it is not paid; alice's
    ///      standard exit and carol's batch behind it are paid in full, and every bond to the wei.
    function test_aForgedEthExitCannotTakeBonds() public {
        Input memory forged = _forged(3 ether + BOND);
        _startExit(mallory, forged.position, forged.txBytes, forged.inc);
        vm.warp(block.timestamp + MEP + 1 hours);
        (, uint256 batchId, Input memory c) = _aliceExitsAndCarolMassExits();
        assertEq(fw.bondsHeld(), 2 * BOND + MASS_BOND, "three exits' bonds held");
        assertEq(address(fw).balance, 3 ether + 2 * BOND + MASS_BOND, "deposits and bonds");

        uint256[3] memory before = [alice.balance, carol.balance, mallory.balance];
        vm.expectEmit(true, true, true, true);
        emit PayoutShort(mallory, address(0), 3 ether + BOND);
        _processAll();
        assertEq(mallory.balance, before[2] + BOND - BOUNTY, "the forgery: its own bond back, nothing more");
        assertEq(alice.balance, before[0] + 1 ether + BOND - BOUNTY, "alice paid in full");
        assertEq(carol.balance, before[1] + MASS_BOND - MASS_BOUNTY, "carol's bond back");
        _withdrawCarols(batchId, c);
        assertEq(carol.balance, before[1] + MASS_BOND - MASS_BOUNTY + 2 ether, "carol's batch paid in full");
        assertEq(processor.balance, 2 * BOUNTY + MASS_BOUNTY, "the bounties");
        _assertSettled();
    }

    /// @dev A forged batch at the head takes what the vault can free: the deposits, never the bonds. Alice's
    ///      exit and carol's batch behind it find the vault short, but every bond is still paid in full.
    function test_aForgedMassExitCannotTakeBonds() public {
        Input memory forged = _forged(3 ether + BOND);
        vm.prank(mallory);
        uint256 forgedBatch = massGame.startMassExit{value: MASS_BOND}(address(0), _massItem(forged), 0, 0);
        vm.warp(block.timestamp + MEP + 1 hours);
        (, uint256 batchId, Input memory c) = _aliceExitsAndCarolMassExits();
        assertEq(fw.bondsHeld(), BOND + 2 * MASS_BOND, "three exits' bonds held");

        uint256[3] memory before = [alice.balance, carol.balance, mallory.balance];
        _processAll();
        (,,, uint256 escrow,,,) = massGame.massExits(forgedBatch);
        assertEq(escrow, 3 ether, "the forged batch's escrow: the deposits only");
        assertEq(mallory.balance, before[2] + MASS_BOND - MASS_BOUNTY, "mallory's bond back");
        assertEq(alice.balance, before[0] + BOND - BOUNTY, "alice's bond back in full");
        assertEq(carol.balance, before[1] + MASS_BOND - MASS_BOUNTY, "carol's bond back in full");
        assertEq(processor.balance, BOUNTY + 2 * MASS_BOUNTY, "the bounties");
        assertEq(fw.bondsHeld(), 0, "every bond paid");
        assertEq(address(fw).balance, 0, "the forgery took the deposits, the bonds went to their owners");
        (,,, uint256 carolsEscrow,,,) = massGame.massExits(batchId);
        assertEq(carolsEscrow, 0, "carol's batch found the vault short");
        _withdrawCarols(batchId, c);
        assertEq(address(massGame).balance, 3 ether, "only the forged batch's escrow is left in the game");
    }

    /// @dev A challenged exit's bond goes to the challenger in full, from the bonds held.
    function test_aChallengersRewardIsTheWholeBond() public {
        Input memory a = _depositInput(alice, aliceKey, 1 ether);
        _startExit(alice, a.position, a.txBytes, a.inc);
        bytes memory spend = TxEncoder.payment(a.position, bob, address(0), 1 ether);
        bytes memory sig = _sign(aliceKey, spend);
        bytes32 commitment = keccak256(abi.encode(carol, a.position, keccak256(spend)));
        vm.prank(carol);
        fw.commitChallenge(commitment);
        vm.roll(block.number + 1);
        uint256 carol0 = carol.balance;
        vm.prank(carol);
        fw.challengeStandardExit(a.position, spend, 0, sig);
        assertEq(carol.balance, carol0 + BOND, "the whole bond");
        assertEq(fw.bondsHeld(), 0, "no bond left");
        assertEq(address(fw).balance, 1 ether, "alice's deposit stays");
    }

    function _aliceExitsAndCarolMassExits() internal returns (Input memory a, uint256 batchId, Input memory c) {
        a = _depositInput(alice, aliceKey, 1 ether);
        _startExit(alice, a.position, a.txBytes, a.inc);
        c = _depositInput(carol, 0, 2 ether);
        vm.prank(carol);
        batchId = massGame.startMassExit{value: MASS_BOND}(address(0), _massItem(c), 0, 0);
    }

    function _processAll() internal {
        vm.warp(block.timestamp + 3 * MEP);
        vm.prank(processor);
        assertEq(fw.processExits(address(0), 10), 3, "three exits processed");
    }

    function _withdrawCarols(uint256 batchId, Input memory c) internal {
        MassExitGame.MassExitLeaf[] memory leaves = new MassExitGame.MassExitLeaf[](1);
        leaves[0] = MassExitGame.MassExitLeaf(c.position, bytes32(c.position), carol, 2 ether);
        massGame.withdrawMassExit(batchId, leaves);
    }

    function _assertSettled() internal view {
        assertEq(fw.bondsHeld(), 0, "every bond paid");
        assertEq(fw.credited(address(0)), 0, "nothing credited");
        assertEq(address(fw).balance, 0, "the vault keeps nothing");
        assertEq(address(massGame).balance, 0, "the game keeps nothing");
    }

    function _forged(uint256 amount) internal returns (Input memory in_) {
        in_.txBytes = TxEncoder.deposit(mallory, address(0), amount);
        in_.inc = _submitOne(in_.txBytes);
        in_.position = in_.inc.blkNum * Position.BLOCK_OFFSET;
        in_.ownerKey = malloryKey;
    }

    function _massItem(Input memory in_) internal pure returns (MassExitGame.MassExitItem[] memory items) {
        items = new MassExitGame.MassExitItem[](1);
        items[0] = MassExitGame.MassExitItem(
            in_.position, in_.txBytes, CompressedProof.compress(in_.inc.proof), in_.inc.timestamp, 0, 0, ""
        );
    }
}
