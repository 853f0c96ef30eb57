// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {MassExitTestBase} from "../utils/MassExitTestBase.sol";
import {InFlightTestBase} from "../utils/InFlightTestBase.sol";
import {PlasmaTestBase} from "../utils/PlasmaTestBase.sol";
import {TxEncoder} from "../utils/TxEncoder.sol";
import {CallbackToken, ITokensRecipient} from "../utils/OddTokens.sol";
import {MassExitGame} from "../../src/games/MassExitGame.sol";
import {ExitController} from "../../src/framework/ExitController.sol";
import {PaymentExitGame} from "../../src/framework/PaymentExitGame.sol";
import {Position} from "../../src/lib/Position.sol";

/// @notice A receive hook that, once armed, makes one call of the attacker's choice while a payout hands it
///         control, and records the revert data it got (empty when the call went through).
contract OneShotHook is ITokensRecipient {
    address internal target;
    bytes internal data;
    uint256 internal value;
    bool internal armed;
    bool public succeeded;
    bytes public revertData;

    function arm(address target_, bytes calldata data_, uint256 value_) external {
        target = target_;
        data = data_;
        value = value_;
        armed = true;
    }

    function tokensReceived(address, address, uint256) external {
        if (!armed) return;
        armed = false;
        (bool ok, bytes memory ret) = target.call{value: value}(data);
        succeeded = ok;
        revertData = ret;
    }

    receive() external payable {}
}

/// @notice Attacks on the vault's bond books and the paid-batch mark that held: each asserts the defended
///         outcome to the wei and the exact error the attacker's move met. Kept as regression tests.
contract BondBooksAndPaidBatchHoldTest is InFlightTestBase, MassExitTestBase {
    address internal mallory;
    uint256 internal malloryKey;
    CallbackToken internal token;
    OneShotHook internal hook;

    function setUp() public override(InFlightTestBase, PlasmaTestBase) {
        InFlightTestBase.setUp();
        (mallory, malloryKey) = makeAddrAndKey("mallory");
        vm.deal(mallory, 10 ether);
        token = new CallbackToken();
        hook = new OneShotHook();
        vm.prank(mallory);
        token.setHook(address(hook));
    }

    /// @dev A processed token batch pays mallory's leaf with a push that calls her hook. From it she tries to
    ///      withdraw the batch again (refused by the game's lock) and, in a second run, to start a standard
    ///      exit of the leaf just paid (refused: the key is exited). She gets her leaf once; bonds all paid.
    function test_held_aHookDuringALeafPayoutCannotWithdrawTheBatchAgain() public {
        (uint256 batchId, MassExitGame.MassExitLeaf[] memory leaves,) = _mallorysTokenBatch();
        hook.arm(address(massGame), abi.encodeCall(MassExitGame.withdrawMassExit, (batchId, leaves)), 0);
        massGame.withdrawMassExit(batchId, leaves);
        assertTrue(!hook.succeeded(), "the second withdrawal was refused");
        assertEq(hook.revertData(), abi.encodeWithSignature("ReentrancyGuardReentrantCall()"), "by the game's lock");
        assertEq(token.balanceOf(mallory), 100, "the leaf paid once");
        assertEq(token.balanceOf(address(massGame)), 0, "nothing left in the game");
        assertEq(token.balanceOf(address(fw)), 0, "nothing left in the vault");
        assertEq(fw.bondsHeld(), 0, "the batch's bond paid");
    }

    function test_held_aHookDuringALeafPayoutCannotExitTheLeafAgain() public {
        (uint256 batchId, MassExitGame.MassExitLeaf[] memory leaves, Input memory d) = _mallorysTokenBatch();
        assertTrue(fw.isOutputExited(bytes32(d.position)), "processed: the leaf counts as exited");
        // mallory's consent names her hook as initiator: from the hook, a second batch of the leaf just paid
        MassExitGame.MassExitItem[] memory items = new MassExitGame.MassExitItem[](1);
        items[0] = _depositItem(d.position, d.txBytes, d.inc);
        _consentTo(items[0], malloryKey, address(hook));
        vm.deal(address(hook), MASS_BOND);
        hook.arm(
            address(massGame),
            abi.encodeCall(MassExitGame.startMassExit, (address(token), items, bytes32(0), 0)),
            MASS_BOND
        );
        massGame.withdrawMassExit(batchId, leaves);
        assertTrue(!hook.succeeded(), "no second exit of the leaf");
        assertEq(
            hook.revertData(),
            abi.encodeWithSelector(ExitController.OutputAlreadyExited.selector, bytes32(d.position)),
            "the key is exited"
        );
        assertEq(token.balanceOf(mallory), 100, "the leaf paid once");
        assertEq(address(hook).balance, MASS_BOND, "the hook's bond never left it");
        assertEq(fw.bondsHeld(), 0, "no bond taken or left");
    }

    /// @dev Between processing and withdrawal the paid batch still holds its leaf: a standard exit, a second
    ///      batch and a piggyback of an in-flight spend of it are all refused `OutputAlreadyExited`.
    function test_held_aPaidBatchsLeafCannotBeReservedByAnyGame() public {
        (,, Input memory d) = _mallorysTokenBatch();
        bytes32 key = bytes32(d.position);
        vm.prank(mallory);
        vm.expectRevert(abi.encodeWithSelector(ExitController.OutputAlreadyExited.selector, key));
        fw.startStandardExit{value: BOND}(d.position, d.txBytes, d.inc.proof, d.inc.timestamp);

        MassExitGame.MassExitItem[] memory items = new MassExitGame.MassExitItem[](1);
        items[0] = _depositItem(d.position, d.txBytes, d.inc);
        vm.prank(mallory);
        vm.expectRevert(abi.encodeWithSelector(ExitController.OutputAlreadyExited.selector, key));
        massGame.startMassExit{value: MASS_BOND}(address(token), items, 0, 0);

        TxEncoder.Out[] memory outs = new TxEncoder.Out[](1);
        outs[0] = TxEncoder.Out(mallory, address(token), 100);
        Ife memory f = _build(_one(d), outs, bytes32(0));
        _startIfe(mallory, f);
        vm.prank(mallory);
        vm.expectRevert(abi.encodeWithSelector(ExitController.OutputAlreadyExited.selector, key));
        ife.piggybackInFlightExitOnInput{value: PB_BOND}(f.txBytes, 0);
        assertEq(fw.bondsHeld(), IFE_BOND, "only the in-flight exit's bond is held");
    }

    /// @dev A standard token exit's push calls its owner's hook, which reveals a challenge of that same exit
    ///      (committed earlier, with a spend the owner signed): the exit is no longer active, so the bond
    ///      is not paid a second time.
    function test_held_aHookDuringAStandardTokenPayoutCannotChallengeThatExit() public {
        Input memory d = _hookDeposit(100);
        _startExit(mallory, d.position, d.txBytes, d.inc);
        bytes memory spend = TxEncoder.payment(d.position, mallory, address(token), 100);
        bytes memory sig = _sign(malloryKey, spend);
        vm.prank(address(hook));
        fw.commitChallenge(_commitment(address(hook), d.position, spend));
        vm.roll(block.number + 1);
        hook.arm(address(fw), abi.encodeCall(PaymentExitGame.challengeStandardExit, (d.position, spend, 0, sig)), 0);
        (uint256 a, bytes memory t, Included memory inc) = _depositEth(alice, 1 ether);
        _startExit(alice, a, t, inc);

        uint256 mallory0 = mallory.balance;
        uint256 alice0 = alice.balance;
        vm.warp(block.timestamp + 3 * MEP);
        vm.prank(processor);
        fw.processExits(address(token), 1);
        assertEq(
            hook.revertData(),
            abi.encodeWithSelector(PaymentExitGame.ExitNotActive.selector, d.position),
            "the exit being paid cannot be challenged"
        );
        assertEq(address(hook).balance, 0, "no bond to the hook");
        assertEq(token.balanceOf(mallory), 100, "mallory's tokens");
        assertEq(mallory.balance, mallory0 + BOND - BOUNTY, "mallory's refund");
        vm.prank(processor);
        fw.processExits(address(0), 1);
        assertEq(alice.balance, alice0 + 1 ether + BOND - BOUNTY, "alice paid in full");
        assertEq(processor.balance, 2 * BOUNTY, "the bounties");
        assertEq(fw.bondsHeld(), 0, "every bond paid once");
        assertEq(address(fw).balance, 0, "the vault keeps nothing");
    }

    /// @dev ETH forced into the vault (selfdestruct, coinbase) is neither a bond nor a credit: the books do not
    ///      move, and an exit of a forgery can take that ETH at most, never the bonds or honest deposits
    ///      ahead of it; alice's exit, older, is paid in full first.
    function test_held_forcedEthMovesNoBooks() public {
        (uint256 a, bytes memory t, Included memory inc) = _depositEth(alice, 1 ether);
        _startExit(alice, a, t, inc);
        vm.deal(address(fw), address(fw).balance + 0.5 ether);
        assertEq(fw.bondsHeld(), BOND, "forced ETH is no bond");
        assertEq(fw.credited(address(0)), 0, "nor a credit");

        bytes memory forgedTx = TxEncoder.deposit(mallory, address(0), 0.7 ether);
        Included memory fi = _submitOne(forgedTx);
        uint256 fp = fi.blkNum * Position.BLOCK_OFFSET;
        _startExit(mallory, fp, forgedTx, fi);

        uint256 alice0 = alice.balance;
        uint256 mallory0 = mallory.balance;
        vm.warp(block.timestamp + 3 * MEP);
        vm.prank(processor);
        assertEq(fw.processExits(address(0), 10), 2, "both exits");
        assertEq(alice.balance, alice0 + 1 ether + BOND - BOUNTY, "alice paid in full");
        assertEq(mallory.balance, mallory0 + BOND - BOUNTY, "the forgery finds only 0.5 ETH free: bond back only");
        assertEq(fw.bondsHeld(), 0, "every bond paid");
        assertEq(address(fw).balance, 0.5 ether, "the forced ETH stays, owned by nobody");
    }

    // ---- helpers ----

    /// @dev mallory mass-exits her 100 HOOK deposit and the batch is processed (not withdrawn yet).
    function _mallorysTokenBatch()
        internal
        returns (uint256 batchId, MassExitGame.MassExitLeaf[] memory leaves, Input memory d)
    {
        d = _hookDeposit(100);
        MassExitGame.MassExitItem[] memory items = new MassExitGame.MassExitItem[](1);
        items[0] = _depositItem(d.position, d.txBytes, d.inc);
        batchId = _startMass(mallory, address(token), items);
        leaves = new MassExitGame.MassExitLeaf[](1);
        leaves[0] = _depositLeaf(d.position, mallory, 100);
        (,,,, uint256 batchAt,,) = massGame.massExits(batchId);
        vm.warp(batchAt);
        vm.prank(processor);
        assertEq(fw.processExits(address(token), 1), 1, "the batch");
        assertEq(token.balanceOf(address(massGame)), 100, "the escrow left the vault");
    }

    function _hookDeposit(uint256 amount) internal returns (Input memory t) {
        token.mint(mallory, amount);
        t.position = fw.nextDepositBlock() * Position.BLOCK_OFFSET;
        t.txBytes = TxEncoder.deposit(mallory, address(token), amount);
        bytes[] memory txs = new bytes[](1);
        txs[0] = t.txBytes;
        (, t.inc.proof) = _tree(txs, 0);
        t.inc.timestamp = block.timestamp;
        t.ownerKey = malloryKey;
        vm.startPrank(mallory);
        token.approve(address(fw), amount);
        fw.depositErc20(address(token), amount);
        vm.stopPrank();
    }
}
