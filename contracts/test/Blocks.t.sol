// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {PlasmaTestBase} from "./utils/PlasmaTestBase.sol";
import {TxEncoder} from "./utils/TxEncoder.sol";
import {BlockController} from "../src/framework/BlockController.sol";
import {Vault} from "../src/framework/Vault.sol";
import {PlasmaFramework} from "../src/PlasmaFramework.sol";
import {PaymentExitGame} from "../src/framework/PaymentExitGame.sol";
import {ExitController} from "../src/framework/ExitController.sol";
import {DevToken} from "../src/DevToken.sol";
import {FeeOnTransferToken} from "../src/mocks/FeeOnTransferToken.sol";
import {Position} from "../src/lib/Position.sol";

contract BlocksTest is PlasmaTestBase {
    event BlockSubmitted(uint256 indexed blkNum, bytes32 root, uint256 timestamp);
    event DepositCreated(
        address indexed owner, address indexed token, uint256 indexed blkNum, uint256 amount, bytes32 root, uint256 timestamp
    );

    function test_submitBlock_numbersChildBlocksAndStoresCommitment() public {
        assertEq(fw.nextChildBlock(), 1000, "first child block");
        vm.expectEmit(true, false, false, true);
        emit BlockSubmitted(1000, bytes32(uint256(7)), block.timestamp);
        vm.prank(operator);
        fw.submitBlock(bytes32(uint256(7)));
        assertEq(fw.blockCommitment(1000), keccak256(abi.encode(bytes32(uint256(7)), block.timestamp)), "commitment");
        assertEq(fw.nextChildBlock(), 2000, "next");
        assertEq(fw.blockCommitment(2000), bytes32(0), "unknown block is zero");
    }

    function test_submitBlock_revertsForNonOperator() public {
        vm.expectRevert(BlockController.NotOperator.selector);
        vm.prank(alice);
        fw.submitBlock(bytes32(uint256(1)));
    }

    function test_constructor_rejectsBadParameters() public {
        vm.expectRevert(BlockController.ZeroOperator.selector);
        new PlasmaFramework(address(0), MEP, BOND, BOUNTY);
        vm.expectRevert(ExitController.ZeroExitPeriod.selector);
        new PlasmaFramework(operator, 0, BOND, BOUNTY);
        vm.expectRevert(PaymentExitGame.BountyExceedsBond.selector);
        new PlasmaFramework(operator, MEP, BOUNTY, BOND);
    }

    function test_depositEth_buildsDepositBlock() public {
        bytes memory txBytes = TxEncoder.deposit(alice, address(0), 1 ether);
        bytes[] memory txs = new bytes[](1);
        txs[0] = txBytes;
        (bytes32 root,) = _tree(txs, 0);
        vm.expectEmit(true, true, true, true);
        emit DepositCreated(alice, address(0), 1, 1 ether, root, block.timestamp);
        vm.prank(alice);
        fw.depositEth{value: 1 ether}();
        assertEq(fw.blockCommitment(1), keccak256(abi.encode(root, block.timestamp)), "deposit commitment");
        assertEq(fw.nextDepositBlock(), 2, "next deposit");
        assertEq(address(fw).balance, 1 ether, "vault balance");
    }

    function test_deposit_numberingResetsAfterChildBlock() public {
        _depositEth(alice, 1);
        _depositEth(alice, 2);
        assertEq(fw.nextDepositBlock(), 3, "after two deposits");
        vm.prank(operator);
        fw.submitBlock(bytes32(uint256(1)));
        assertEq(fw.nextDepositBlock(), 1001, "after child block");
        (uint256 pos,,) = _depositEth(alice, 3);
        assertEq(pos, 1001 * Position.BLOCK_OFFSET, "deposit position");
    }

    function test_depositEth_revertsOnZero() public {
        vm.expectRevert(Vault.ZeroDeposit.selector);
        vm.prank(alice);
        fw.depositEth{value: 0}();
    }

    function test_deposit_revertsWhenIntervalIsFull() public {
        for (uint256 i = 0; i < 999; ++i) {
            vm.prank(alice);
            fw.depositEth{value: 1}();
        }
        assertEq(fw.nextDepositBlock(), 1000, "all 999 used");
        vm.expectRevert(BlockController.TooManyDeposits.selector);
        vm.prank(alice);
        fw.depositEth{value: 1}();
        vm.prank(operator);
        fw.submitBlock(bytes32(uint256(1)));
        vm.prank(alice);
        fw.depositEth{value: 1}();
        assertEq(fw.nextDepositBlock(), 1002, "numbering resumes");
    }

    function test_depositErc20_creditsTransferredAmount() public {
        DevToken token = new DevToken("Dev", "DEV");
        token.mint(alice, 100);
        vm.startPrank(alice);
        token.approve(address(fw), 100);
        bytes memory txBytes = TxEncoder.deposit(alice, address(token), 60);
        bytes[] memory txs = new bytes[](1);
        txs[0] = txBytes;
        (bytes32 root,) = _tree(txs, 0);
        vm.expectEmit(true, true, true, true);
        emit DepositCreated(alice, address(token), 1, 60, root, block.timestamp);
        fw.depositErc20(address(token), 60);
        vm.stopPrank();
        assertEq(token.balanceOf(address(fw)), 60, "vault token balance");
    }

    function test_depositErc20_feeOnTransferCreditsBalanceDelta() public {
        FeeOnTransferToken token = new FeeOnTransferToken();
        token.mint(alice, 10_000);
        vm.startPrank(alice);
        token.approve(address(fw), 10_000);
        vm.expectEmit(true, true, true, false);
        emit DepositCreated(alice, address(token), 1, 9_900, bytes32(0), 0);
        fw.depositErc20(address(token), 10_000);
        vm.stopPrank();
        assertEq(token.balanceOf(address(fw)), 9_900, "credited = received");
    }

    function test_depositErc20_revertsWhenNothingArrives() public {
        FeeOnTransferToken token = new FeeOnTransferToken();
        token.mint(alice, 50);
        vm.startPrank(alice);
        token.approve(address(fw), 50);
        vm.expectRevert(Vault.ZeroDeposit.selector);
        fw.depositErc20(address(token), 0);
        vm.stopPrank();
    }

    function test_depositErc20_revertsForEthAddressAndNonContracts() public {
        vm.expectRevert(Vault.InvalidToken.selector);
        fw.depositErc20(address(0), 1);
        vm.expectRevert();
        fw.depositErc20(address(0xdead), 1);
    }

    function testFuzz_depositRootMatchesIndependentEncoding(uint256 amount, address owner) public {
        amount = bound(amount, 1, (1 << 192) - 1); // deposits of 2^192 or more are refused (DecodingRules.t.sol)
        vm.assume(owner != address(0) && uint160(owner) > 0xffff && owner.code.length == 0);
        vm.deal(owner, amount);
        (,, Included memory inc) = _depositEth(owner, amount);
        assertEq(fw.blockCommitment(inc.blkNum), keccak256(abi.encode(inc.root, inc.timestamp)), "root");
    }
}
