// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {PlasmaTestBase} from "../utils/PlasmaTestBase.sol";

/// @dev The cheatcode test/utils/Test.sol does not declare.
interface VmStore {
    function store(address target, bytes32 slot, bytes32 value) external;
}

/// @notice Promise: honest exits are paid in full (docs/security.md 1, promise 1), and a hole in the bond books
///         costs only the bonds that find it (docs/contracts.md, Vault._payout): `payout` never pays the part
///         of a bond beyond `bondsHeld` from the free ETH, which is the depositors' money, so the hole is not
///         moved onto the last depositor to exit, whose standard exit is paid all or nothing.
/// @dev No registered game is known to open a hole once the in-flight lock stands; the hole is written into
///      the books as the double-paid piggyback bond left them (bonds held and the vault's balance both one
///      piggyback bond short of what is owed), to measure what `payout` does with one, which is its stated job.
contract BondHoleRelocationTest is PlasmaTestBase {
    /// @dev Storage slot of Vault._ethBook (`forge inspect PlasmaFramework storageLayout`).
    uint256 internal constant ETH_BOOK_SLOT = 5;
    uint256 internal constant HOLE = PB_BOND;

    /// @dev 1. alice and bob each deposit 1 ETH; alice starts a standard exit;
    ///      2. a bond is paid twice (modelled): `bondsHeld` and the balance are 0.02 ETH short;
    ///      3. alice's exit is processed: her 0.09 refund and the 0.01 bounty meet 0.08 of bonds held, and
    ///         the 0.02 beyond is reported short, not taken from bob's deposit;
    ///      4. bob, the last depositor, exits his valid 1 ETH deposit and is paid 1 ETH: the 0.02 hole fell on
    ///         the bonds that found it (alice's refund, the bounty).
    function test_aHoleInTheBondBooksIsNeverPaidFromDeposits_theLastHonestExitIsPaidInFull() public {
        (uint256 aPos, bytes memory aTx, Included memory aInc) = _depositEth(alice, 1 ether);
        (uint256 bPos, bytes memory bTx, Included memory bInc) = _depositEth(bob, 1 ether);
        _startExit(alice, aPos, aTx, aInc);
        _openHole();
        assertEq(fw.bondsHeld(), BOND - HOLE, "the hole in the bond books");
        assertEq(address(fw).balance, 2 ether + BOND - HOLE, "the deposits, and the bonds less the hole");

        address processor = makeAddr("processor");
        uint256 alice0 = alice.balance;
        vm.warp(block.timestamp + MEP);
        vm.prank(processor);
        fw.processExits(address(0), 1);
        // today: alice's 0.09 refund and the 0.01 bounty are paid whole, 0.02 of it from bob's deposit
        assertLe(1 ether, alice.balance - alice0, "alice's amount paid");
        assertLe(1 ether - HOLE, address(fw).balance, "at most the hole taken from bob's deposit");

        _startExit(bob, bPos, bTx, bInc);
        uint256 bob0 = bob.balance;
        vm.warp(block.timestamp + MEP);
        vm.prank(processor);
        fw.processExits(address(0), 1);
        // today: `PayoutShort(bob, 0, 1 ether)`, and bob gets his refund alone
        assertEq(bob.balance - bob0, 1 ether + BOND - BOUNTY, "bob, an honest exit, paid in full");
        assertEq(fw.bondsHeld(), 0, "no bond left");
        assertEq(address(fw).balance, 0, "the hole fell on the bonds that found it");
    }

    /// @dev A bond paid twice: one piggyback bond more left the vault (balance) and the bond count than was held.
    function _openHole() internal {
        bytes32 book = vm.load(address(fw), bytes32(ETH_BOOK_SLOT));
        assertEq(uint256(book) >> 128, fw.bondsHeld() + 1, "the slot is the ETH books");
        VmStore(address(vm)).store(address(fw), bytes32(ETH_BOOK_SLOT), bytes32(uint256(book) - (HOLE << 128)));
        vm.deal(address(fw), address(fw).balance - HOLE);
    }
}
