// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {InFlightTestBase} from "../utils/InFlightTestBase.sol";
import {TxEncoder} from "../utils/TxEncoder.sol";
import {InFlightExitGame} from "../../src/games/InFlightExitGame.sol";
import {Position} from "../../src/lib/Position.sol";
import {CallbackToken, ITokensRecipient} from "../utils/OddTokens.sol";

/// @notice Mallory's receive hook: when the vault pays her in-flight output, it challenges her own input
///         piggyback of the same exit, which settlement is about to refund, with a competitor she signed, and
///         records what the game answered.
contract SettlementReentrant is ITokensRecipient {
    InFlightExitGame internal immutable game;
    bytes internal inFlightTx;
    bytes internal competitor;
    bytes internal competitorSig;
    uint8 internal inputIndex;
    bool internal armed;
    /// @dev What the reentrant challenge answered: empty when it went through, else its revert data.
    bytes public challengeResult;
    bool public challenged;

    constructor(InFlightExitGame game_) {
        game = game_;
    }

    function arm(bytes calldata tx_, uint8 index, bytes calldata c, bytes calldata sig) external {
        inFlightTx = tx_;
        inputIndex = index;
        competitor = c;
        competitorSig = sig;
        armed = true;
    }

    function commit(address fw, bytes32 commitment) external {
        (bool ok,) = fw.call(abi.encodeWithSignature("commitChallenge(bytes32)", commitment));
        require(ok, "commit");
    }

    function tokensReceived(address, address, uint256) external {
        if (!armed) return;
        armed = false;
        try game.challengeInFlightExitInputSpent(inFlightTx, inputIndex, competitor, 0, competitorSig) {
            challenged = true;
        } catch (bytes memory reason) {
            challengeResult = reason;
        }
    }

    receive() external payable {}
}

/// @notice Promise: bonds are conserved, and honest exits are paid in full (docs/security.md 1, promises 1
///         and 4). Settling a token's piggybacks pushes each winning output's tokens to its payee, handing it
///         control. The in-flight game holds one lock over settlement and every challenge, response and
///         piggyback, and closes each piggyback before paying it: a payee cannot challenge a piggyback of the
///         exit being settled (nor any other) from its hook, so no bond is paid twice and the bond books stay
///         whole for the exits behind.
contract PiggybackSettlementReentrancyTest is InFlightTestBase {
    event PayoutShort(address indexed owner, address indexed token, uint256 amount);
    event PayoutFailed(address indexed owner, address indexed token, uint256 amount);

    address internal mallory;
    uint256 internal malloryKey;
    CallbackToken internal token;
    SettlementReentrant internal thief;
    bytes internal competitor;
    bytes internal competitorSig;

    function setUp() public override {
        super.setUp();
        (mallory, malloryKey) = makeAddrAndKey("mallory");
        vm.deal(mallory, 10 ether);
        token = new CallbackToken();
        thief = new SettlementReentrant(ife);
    }

    /// @dev 1. alice deposits 1 ETH and starts a standard exit of it (bond 0.1 ETH, held by the vault);
    ///      2. mallory deposits 100 + 100 HOOK and starts an in-flight exit of a payment of both to herself
    ///         (200 HOOK); she piggybacks output 0 and input 1; her hook contract commits a challenge of input 1
    ///         with a competitor she signs herself;
    ///      3. anyone processes the HOOK queue: output 0 wins and its 200 HOOK push calls mallory's hook, whose
    ///         challenge of input 1 the game refuses (`ReentrancyGuardReentrantCall`); input 1 is settled on
    ///         the losing side and its 0.02 ETH bond refunded to mallory, once;
    ///      4. the vault holds exactly alice's bond; alice's exit is paid in full.
    function test_aPayeesHookCannotChallengeAPiggybackBeingSettled_eachBondPaidOnce() public {
        _aliceExits();
        Ife memory f = _mallorysIfe();
        assertEq(fw.bondsHeld(), BOND + IFE_BOND + 2 * PB_BOND, "bonds of alice's exit, mallory's IFE and piggybacks");
        assertEq(address(fw).balance, 1 ether + BOND + IFE_BOND + 2 * PB_BOND, "alice's deposit and the bonds");

        uint256 mallory0 = mallory.balance;
        _process(f.txBytes, address(token), 1);
        assertEq(token.balanceOf(mallory), 200, "mallory's output paid in tokens");
        assertTrue(!thief.challenged(), "the reentrant challenge was refused");
        assertEq(
            thief.challengeResult(), abi.encodeWithSignature("ReentrancyGuardReentrantCall()"), "by the game's lock"
        );
        assertEq(address(thief).balance, 0, "no bond to the hook");
        assertEq(
            mallory.balance - mallory0,
            IFE_BOND + PB_REFUND + PB_BOND,
            "the IFE bond, output 0's refund, input 1's bond"
        );
        assertEq(fw.bondsHeld(), BOND, "only alice's bond is held");
        assertEq(_view(f.txBytes).piggybackedInputs, 0, "input 1 settled");
        assertEq(_view(f.txBytes).piggybackedOutputs, 0, "output 0 settled");

        uint256 alice0 = alice.balance;
        vm.warp(block.timestamp + 3 * MEP);
        vm.prank(processor);
        fw.processExits(address(0), 10);
        assertEq(alice.balance, alice0 + 1 ether + BOND - BOUNTY, "alice's exit paid in full");
        assertEq(fw.bondsHeld(), 0, "every bond paid");
        assertEq(address(fw).balance, 0, "the vault keeps nothing");
        assertEq(processor.balance, PB_BOUNTY + BOUNTY, "the bounties");
    }

    /// @dev The same, with the in-flight transaction included (the operator publishes it) and two outputs of
    ///      mallory's piggybacked: output 0's push calls her hook, which reveals a challenge of output 1 (spent
    ///      by a payment she signed) committed earlier. The lock refuses it; output 1 is paid once, its bond
    ///      refunded once, and alice's exit behind is paid in full.
    function test_aPayeesHookCannotShowALaterOutputSpentDuringSettlement_eachBondPaidOnce() public {
        _aliceExits();
        Input memory in0 = _hookDeposit(100);
        TxEncoder.Out[] memory outs = new TxEncoder.Out[](2);
        outs[0] = TxEncoder.Out(mallory, address(token), 60);
        outs[1] = TxEncoder.Out(mallory, address(token), 40);
        Ife memory f = _build(_one(in0), outs, bytes32(0));
        _startIfe(mallory, f);
        _pbOut(mallory, f, 0);
        _pbOut(mallory, f, 1);
        Included memory inc = _submitOne(f.txBytes);
        uint256 txPos = inc.blkNum * Position.BLOCK_OFFSET;
        bytes memory spend = TxEncoder.payment(txPos + 1, mallory, address(token), 40);
        bytes memory sig = _sign(malloryKey, spend);
        OneCallHook hook = new OneCallHook();
        vm.prank(address(hook));
        fw.commitChallenge(_txCommitment(address(hook), f.txBytes, spend));
        vm.roll(block.number + 1);
        hook.arm(
            address(ife),
            abi.encodeCall(
                InFlightExitGame.challengeInFlightExitOutputSpent,
                (f.txBytes, 1, txPos, inc.proof, inc.timestamp, spend, 0, sig)
            )
        );
        vm.prank(mallory);
        token.setHook(address(hook));

        uint256 mallory0 = mallory.balance;
        _process(f.txBytes, address(token), 1);
        assertEq(hook.revertData(), abi.encodeWithSignature("ReentrancyGuardReentrantCall()"), "refused by the lock");
        assertEq(token.balanceOf(mallory), 100, "both outputs paid once");
        assertEq(address(hook).balance, 0, "no bond to the hook");
        assertEq(mallory.balance - mallory0, IFE_BOND + 2 * PB_REFUND, "the IFE bond and both refunds, once each");
        assertEq(fw.bondsHeld(), BOND, "only alice's bond is held");

        uint256 alice0 = alice.balance;
        vm.warp(block.timestamp + 3 * MEP);
        vm.prank(processor);
        fw.processExits(address(0), 10);
        assertEq(alice.balance, alice0 + 1 ether + BOND - BOUNTY, "alice's exit paid in full");
        assertEq(fw.bondsHeld(), 0, "every bond paid");
        assertEq(address(fw).balance, 0, "the vault keeps nothing");
    }

    /// @dev A payee whose hook reverts when the game's lock refuses its reentrant challenge (the refusal bubbles
    ///      up into the token transfer) neither stops nor skips the queue: its push is credited
    ///      (`PayoutFailed`), nothing is deferred, the exit behind it is paid in the same `processExits` call,
    ///      and it pulls its tokens later. A hook calling `processExits` meets the framework's lock likewise.
    function test_aLockedOutCallDuringSettlementNeitherStopsNorSkipsTheQueue() public {
        Ife memory f = _mallorysIfe();
        // behind mallory's exit in the HOOK queue: bob's standard exit of his own 50 HOOK
        vm.warp(block.timestamp + 1);
        Input memory b = _hookDepositOf(bob, bobKey, 50);
        _startExit(bob, b.position, b.txBytes, b.inc);
        OneCallHook hook = new OneCallHook();
        vm.prank(address(hook));
        fw.commitChallenge(_txCommitment(address(hook), f.txBytes, competitor));
        vm.roll(block.number + 1);
        bytes memory challenge = abi.encodeCall(
            InFlightExitGame.challengeInFlightExitInputSpent, (f.txBytes, 1, competitor, 0, competitorSig)
        );
        hook.arm(address(ife), challenge);
        hook.setBubble(true);
        vm.prank(mallory);
        token.setHook(address(hook));

        uint256 mallory0 = mallory.balance;
        uint256 bob0 = bob.balance;
        vm.warp(block.timestamp + 3 * MEP);
        vm.expectEmit(true, true, true, true);
        emit PayoutFailed(mallory, address(token), 200);
        vm.prank(processor);
        assertEq(fw.processExits(address(token), 10), 2, "both entries processed in one call");
        assertEq(fw.exitQueueLength(address(token)), 0, "the queue is empty");
        assertTrue(!fw.isExitDeferred(address(token), _entryOf(f)), "nothing deferred");
        assertEq(fw.withdrawable(mallory, address(token)), 200, "mallory's refused push is credited");
        assertEq(token.balanceOf(bob), 50, "bob, behind her, paid");
        assertEq(bob.balance, bob0 + BOND - BOUNTY, "bob's refund");
        assertEq(address(hook).balance, 0, "no bond to the hook");
        assertEq(
            mallory.balance - mallory0,
            IFE_BOND + PB_REFUND + PB_BOND,
            "the IFE bond, output 0's refund, input 1's bond"
        );
        assertEq(processor.balance, PB_BOUNTY + BOUNTY, "the bounties of both entries");

        // settled: the challenge, revealed now, finds nothing to challenge
        vm.prank(address(hook));
        vm.expectRevert(InFlightExitGame.NotPiggybacked.selector);
        ife.challengeInFlightExitInputSpent(f.txBytes, 1, competitor, 0, competitorSig);
        // the credit is pulled; a hook calling processExits during the pull meets the framework's lock
        hook.arm(address(fw), abi.encodeCall(fw.processExits, (address(token), 10)));
        hook.setBubble(false);
        vm.prank(mallory);
        fw.withdraw(address(token));
        assertEq(token.balanceOf(mallory), 200, "pulled");
        assertEq(fw.credited(address(token)), 0, "nothing credited left");
        assertEq(hook.revertData(), abi.encodeWithSignature("ReentrancyGuardReentrantCall()"), "the framework's lock");
    }

    // ---- scenario ----

    function _aliceExits() internal returns (uint256 position, bytes memory txBytes, Included memory inc) {
        (position, txBytes, inc) = _depositEth(alice, 1 ether);
        _startExit(alice, position, txBytes, inc);
    }

    function _mallorysIfe() internal returns (Ife memory f) {
        Input memory in0 = _hookDeposit(100);
        Input memory in1 = _hookDeposit(100);
        TxEncoder.Out[] memory outs = new TxEncoder.Out[](1);
        outs[0] = TxEncoder.Out(mallory, address(token), 200);
        f = _build(_two(in0, in1), outs, bytes32(0));
        _startIfe(mallory, f);
        _pbOut(mallory, f, 0);
        _pbIn(mallory, f, 1);
        // a competitor of input 1 that mallory signs herself; her hook commits to revealing it
        competitor = TxEncoder.payment(in1.position, mallory, address(token), 100);
        competitorSig = _sign(malloryKey, competitor);
        thief.commit(address(fw), _txCommitment(address(thief), f.txBytes, competitor));
        vm.roll(block.number + 1);
        thief.arm(f.txBytes, 1, competitor, competitorSig);
        vm.prank(mallory);
        token.setHook(address(thief));
    }

    /// @dev The HOOK queue entry of the in-flight exit of `f`.
    function _entryOf(Ife memory f) internal view returns (uint256) {
        View memory v = _view(f.txBytes);
        return (v.exitableAt << 192) | (v.youngestInputPosition << 128) | (uint256(2) << 120) | _idOf(f.txBytes);
    }

    function _hookDeposit(uint256 amount) internal returns (Input memory t) {
        return _hookDepositOf(mallory, malloryKey, amount);
    }

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

/// @notice A receive hook that makes one call of the attacker's choice each time a transfer hands it control,
///         and records the revert data it got (empty when the call went through); with `bubble` set it reverts
///         with that data instead, failing the transfer that called it.
contract OneCallHook is ITokensRecipient {
    address internal target;
    bytes internal data;
    bool internal bubble;
    bytes public revertData;

    function arm(address target_, bytes calldata data_) external {
        target = target_;
        data = data_;
    }

    function setBubble(bool on) external {
        bubble = on;
    }

    function tokensReceived(address, address, uint256) external {
        if (target == address(0)) return;
        (bool ok, bytes memory ret) = target.call(data);
        if (!ok && bubble) {
            assembly ("memory-safe") {
                revert(add(ret, 0x20), mload(ret))
            }
        }
        revertData = ok ? bytes("") : ret;
    }

    receive() external payable {}
}
