// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {PlasmaTestBase} from "./utils/PlasmaTestBase.sol";
import {BlockController} from "../src/framework/BlockController.sol";
import {ExitGameRegistry} from "../src/framework/ExitGameRegistry.sol";
import {PlasmaFramework} from "../src/PlasmaFramework.sol";
import {CashExitGame} from "../src/games/CashExitGame.sol";
import {IPlasmaFramework} from "../src/interfaces/IPlasmaFramework.sol";

/// @notice The framework's side of Plasma Cash: coin roots of child blocks and the three-game registry.
contract CashFrameworkTest is PlasmaTestBase {
    function test_submitBlockWithCoins_storesCoinRootAndCommitment() public {
        bytes32 root = keccak256("utxo");
        bytes32 coins = keccak256("coins");
        vm.expectEmit(true, false, false, true);
        emit BlockController.BlockSubmitted(1000, root, block.timestamp);
        vm.expectEmit(true, false, false, true);
        emit BlockController.CoinRootSubmitted(1000, coins);
        vm.prank(operator);
        fw.submitBlockWithCoins(root, coins);
        assertEq(fw.coinRoot(1000), coins, "coin root");
        assertEq(fw.blockCommitment(1000), keccak256(abi.encode(root, block.timestamp)), "commitment as before");
        assertEq(fw.nextChildBlock(), 2000, "next child block");
        assertEq(fw.nextDepositBlock(), 1001, "deposit numbering reset");
    }

    function test_submitBlockWithCoins_zeroCoinRootStoresNothing() public {
        vm.expectEmit(true, false, false, true);
        emit BlockController.CoinRootSubmitted(1000, bytes32(0));
        vm.prank(operator);
        fw.submitBlockWithCoins(keccak256("utxo"), bytes32(0));
        assertEq(fw.coinRoot(1000), bytes32(0), "empty");
        assertTrue(fw.blockCommitment(1000) != 0, "block committed");
    }

    function test_submitBlock_hasZeroCoinRoot() public {
        vm.prank(operator);
        fw.submitBlock(keccak256("utxo"));
        assertEq(fw.coinRoot(1000), bytes32(0), "no coin tree");
        assertEq(fw.coinRoot(5000), bytes32(0), "unknown block");
    }

    function test_submitBlockWithCoins_revertsForNonOperator() public {
        vm.expectRevert(BlockController.NotOperator.selector);
        vm.prank(alice);
        fw.submitBlockWithCoins(keccak256("utxo"), keccak256("coins"));
        assertEq(fw.nextChildBlock(), 1000, "nothing submitted");
    }

    // ---- registry ----

    function test_registry_holdsThreeGames() public view {
        assertEq(fw.EXIT_KIND_CASH(), 3, "kind");
        assertEq(fw.exitGame(1), address(ife), "in-flight");
        assertEq(fw.exitGame(2), address(massGame), "mass");
        assertEq(fw.exitGame(3), address(cash), "cash");
        assertEq(address(cash.framework()), address(fw), "cash game's framework");
    }

    function test_registerExitGames_emitsAllThree() public {
        PlasmaFramework f = new PlasmaFramework(operator, MEP, BOND, BOUNTY);
        CashExitGame c = new CashExitGame(IPlasmaFramework(address(f)), 1, 1, 1);
        vm.expectEmit(true, true, true, true);
        emit ExitGameRegistry.ExitGamesRegistered(address(ife), address(massGame), address(c));
        f.registerExitGames(address(ife), address(massGame), address(c));
        assertEq(f.exitGame(3), address(c), "registered");
    }

    function test_registerExitGames_isOneShot() public {
        vm.expectRevert(ExitGameRegistry.GamesAlreadyRegistered.selector);
        fw.registerExitGames(address(ife), address(massGame), address(cash));
    }

    function test_registerExitGames_deployerOnly() public {
        PlasmaFramework f = new PlasmaFramework(operator, MEP, BOND, BOUNTY);
        vm.expectRevert(ExitGameRegistry.NotDeployer.selector);
        vm.prank(alice);
        f.registerExitGames(address(ife), address(massGame), address(cash));
    }

    function test_registerExitGames_rejectsCashGameWithoutCode() public {
        PlasmaFramework f = new PlasmaFramework(operator, MEP, BOND, BOUNTY);
        vm.expectRevert(abi.encodeWithSelector(ExitGameRegistry.InvalidExitGame.selector, alice));
        f.registerExitGames(address(ife), address(massGame), alice);
        assertEq(f.exitGame(1), address(0), "nothing registered");
    }

    function test_registerExitGames_rejectsOneGameForTwoKinds() public {
        PlasmaFramework f = new PlasmaFramework(operator, MEP, BOND, BOUNTY);
        vm.expectRevert(abi.encodeWithSelector(ExitGameRegistry.InvalidExitGame.selector, address(ife)));
        f.registerExitGames(address(ife), address(massGame), address(ife));
    }

    /// @dev The cash game holds its coins itself; it has no access to the UTXO vault or queues.
    function test_cashGame_cannotUseVaultHooks() public {
        vm.deal(address(cash), 1 ether);
        vm.startPrank(address(cash));
        vm.expectRevert(ExitGameRegistry.NotExitGame.selector);
        fw.payout(alice, address(0), 1, 0);
        vm.expectRevert(ExitGameRegistry.NotExitGame.selector);
        fw.enqueueExit(address(0), block.timestamp, 1, 1);
        vm.expectRevert(ExitGameRegistry.NotExitGame.selector);
        fw.flagOutputExited(bytes32(uint256(1)), 1);
        vm.expectRevert(ExitGameRegistry.NotExitGame.selector);
        fw.reserveOutputs(new bytes32[](1), 1);
        vm.expectRevert(ExitGameRegistry.NotExitGame.selector);
        fw.releaseOutput(bytes32(uint256(1)), 1);
        vm.expectRevert(ExitGameRegistry.NotExitGame.selector);
        fw.exitOutput(bytes32(uint256(1)), 1);
        vm.expectRevert(ExitGameRegistry.NotExitGame.selector);
        fw.depositBond{value: 1}();
        vm.expectRevert(ExitGameRegistry.NotExitGame.selector);
        fw.returnToVault{value: 1}();
        vm.stopPrank();
    }
}
