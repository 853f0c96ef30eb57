// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {BlockController} from "./BlockController.sol";
import {Merkle} from "../lib/Merkle.sol";
import {PaymentTx} from "../lib/PaymentTx.sol";
import {BoundedPush} from "../lib/BoundedPush.sol";
import {ExitAmount} from "../lib/ExitAmount.sol";

/// @title Vault
/// @notice Custody of ETH and ERC20 deposits, and the payouts exits make (docs/protocol.md sections 4, 5).
/// @dev Payouts never revert: a receiver that reverts (or a token that refuses the transfer) gets the
///      amount credited to `withdrawable` instead, so one bad payee cannot block an exit queue.
abstract contract Vault is BlockController, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice The deposit would credit nothing (zero ETH, or no balance increase for a token).
    error ZeroDeposit();
    /// @notice ERC20 deposits need a token contract; ETH goes through depositEth.
    error InvalidToken();
    /// @notice There is no withdrawable balance for this caller and token.
    error NothingToWithdraw();
    /// @notice Sending ETH to the caller in withdraw failed.
    error EthTransferFailed();
    /// @notice More was asked of `withdrawAmount` than failed pushes credited to the caller.
    error WithdrawExceedsCredit(uint256 requested, uint256 available);

    /// @notice A deposit block was created; `amount` is what the vault actually received.
    event DepositCreated(
        address indexed owner, address indexed token, uint256 indexed blkNum, uint256 amount, bytes32 root, uint256 timestamp
    );
    /// @notice A payout failed and was credited to `withdrawable(owner, token)`.
    event PayoutFailed(address indexed owner, address indexed token, uint256 amount);
    /// @notice The vault could not cover `amount` of a payout of `token` beside what it already credited and
    ///         the bonds it holds when an exit reached the head of the queue (only possible after the operator
    ///         created outputs nothing funds, or an output was paid by another exit); that `amount` was neither
    ///         paid nor credited. A standard or in-flight exit's amount is paid whole or not at all (its bond
    ///         refund is paid either way); a mass exit's batch is paid what the vault could free, and this is the
    ///         rest; a bond asked beyond the bonds held is paid from free ETH as far as it goes, and this is the
    ///         rest of it.
    event PayoutShort(address indexed owner, address indexed token, uint256 amount);
    /// @notice A withdrawable balance was pulled.
    event Withdrawn(address indexed owner, address indexed token, uint256 amount);

    /// @dev Gas for a push payout of ETH (on top of the 2,300 stipend the EVM adds to value calls): enough
    ///      for an event in a receive function, too little to grief the processor (OMG uses 2,300).
    uint256 internal constant ETH_PAYOUT_GAS = 2300;
    /// @dev Cap for a push token transfer, so a token that burns all gas only fails its own payout.
    uint256 internal constant TOKEN_PAYOUT_GAS = 300_000;

    /// @notice Amounts whose push payout failed, pulled with `withdraw(token)`.
    mapping(address owner => mapping(address token => uint256 amount)) public withdrawable;
    /// @dev `credited(token)` of every ERC20 (ETH's lives in `_ethBook`).
    mapping(address token => uint256 amount) private _credited;
    /// @dev The ETH books in one word, which every ETH payout reads anyway: `credited(address(0))` in the low
    ///      128 bits, `bondsHeld() + 1` in the high 128 (never zero, so a bond never pays for a fresh slot).
    ///      No ETH amount comes near 2^128.
    uint256 private _ethBook = BOND_UNIT;

    /// @dev One wei of bonds in `_ethBook`.
    uint256 private constant BOND_UNIT = 1 << 128;

    /// @notice The sum of `withdrawable` over every owner, per token: value the vault holds that is already
    ///         paid out. A later exit can never be paid from it, or an exit paid by a credit (its payee
    ///         refused the push) would lose its money to any exit behind it in the queue.
    function credited(address token) public view returns (uint256) {
        return token == address(0) ? uint128(_ethBook) : _credited[token];
    }

    /// @notice The ETH the vault holds as bonds (exit, piggyback and mass exit bonds not yet refunded, paid as
    ///         a bounty or to a challenger). No exit is ever paid from it: an output the operator forged can
    ///         take only ETH that deposits brought, never another exit's bond.
    function bondsHeld() public view returns (uint256) {
        return (_ethBook >> 128) - 1;
    }

    /// @notice Deposits `msg.value` ETH into a new deposit block.
    function depositEth() external payable {
        if (msg.value == 0) revert ZeroDeposit();
        _deposit(address(0), msg.value);
    }

    /// @notice Deposits an ERC20 (approve first). Credits the vault's balance increase, not `amount`, so
    ///         fee-on-transfer tokens never create outputs larger than what arrived.
    function depositErc20(address token, uint256 amount) external nonReentrant {
        if (token == address(0)) revert InvalidToken();
        uint256 before = IERC20(token).balanceOf(address(this));
        IERC20(token).safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = IERC20(token).balanceOf(address(this)) - before;
        if (received == 0) revert ZeroDeposit();
        _deposit(token, received);
    }

    /// @notice Pulls a payout that could not be pushed.
    function withdraw(address token) external nonReentrant {
        uint256 amount = withdrawable[msg.sender][token];
        if (amount == 0) revert NothingToWithdraw();
        _withdraw(token, amount, 0);
    }

    /// @notice Pulls `amount` of what failed pushes credited to the caller, leaving the rest credited (an
    ///         exit game pulls exactly what one of its batches is owed).
    function withdrawAmount(address token, uint256 amount) external nonReentrant {
        uint256 available = withdrawable[msg.sender][token];
        if (amount == 0) revert NothingToWithdraw();
        if (amount > available) revert WithdrawExceedsCredit(amount, available);
        _withdraw(token, amount, available - amount);
    }

    function _withdraw(address token, uint256 amount, uint256 left) private {
        withdrawable[msg.sender][token] = left;
        if (token == address(0)) {
            uint256 book = _ethBook;
            uint256 owed = uint128(book);
            _ethBook = book - owed + (owed - amount);
        } else {
            _credited[token] -= amount;
        }
        if (token == address(0)) {
            (bool ok,) = msg.sender.call{value: amount}("");
            if (!ok) revert EthTransferFailed();
        } else {
            IERC20(token).safeTransfer(msg.sender, amount);
        }
        emit Withdrawn(msg.sender, token, amount);
    }

    /// @dev A deposit of 2^192 or more is refused (ExitAmount.AmountTooLarge): its output could not be
    ///      exited by any game, nor spent in a transaction the operator accepts.
    function _deposit(address token, uint256 amount) private {
        ExitAmount.check(amount);
        bytes32 root = Merkle.singleLeafRoot(Merkle.leaf(PaymentTx.depositTxBytes(msg.sender, token, amount)));
        uint256 blkNum = _submitDepositBlock(root);
        emit DepositCreated(msg.sender, token, blkNum, amount, root, block.timestamp);
    }

    /// @dev Bonds a game or exit took: from now on no exit payout can take them.
    function _holdBond(uint256 amount) internal {
        _ethBook += amount * BOND_UNIT;
    }

    /// @dev Pays `amount` of `token` (zero address = ETH) an exit owes and `bond` wei of the bonds held, in
    ///      one push when both are ETH, with bounded gas; a failed push is credited to `withdrawable`. The
    ///      amount is paid whenever the vault holds it beside its credits and its bonds, else it is reported
    ///      `PayoutShort`: an insolvent chain pays exits in priority order until it is empty, a credit would be
    ///      paid from later depositors' funds, and no bond pays for an exit. The bond is paid from the bonds
    ///      held; a part beyond them (none, while the bond books are whole) is paid from the free ETH the amount
    ///      left, and only what that cannot cover is reported `PayoutShort`. The two are never merged: a hole
    ///      in the bond books costs at most the bond that finds it, never an exit's amount, and the books never
    ///      underflow. Never reverts, and ignores return data so it cannot be bombed with it.
    function _payout(address to, address token, uint256 amount, uint256 bond) internal {
        if (token != address(0)) {
            _payoutToken(to, token, amount);
            amount = 0;
        }
        if (amount == 0 && bond == 0) return;
        uint256 book = _ethBook;
        uint256 bonds = (book >> 128) - 1;
        uint256 fromBonds = bond < bonds ? bond : bonds;
        uint256 uncovered = bond - fromBonds;
        if (amount != 0 || uncovered != 0) {
            uint256 free = _freeEth(book);
            uint256 short;
            if (amount > free) {
                short = amount;
                amount = 0;
            } else {
                free -= amount;
            }
            if (uncovered > free) {
                short += uncovered - free;
                uncovered = free;
            }
            if (short != 0) emit PayoutShort(to, address(0), short);
        }
        uint256 sent = fromBonds + amount + uncovered;
        if (sent == 0) return;
        // the books change before the push: the payee may call back
        if (fromBonds != 0) _ethBook = book - fromBonds * BOND_UNIT;
        if (!BoundedPush.send(to, address(0), sent, ETH_PAYOUT_GAS, TOKEN_PAYOUT_GAS)) {
            withdrawable[to][address(0)] += sent;
            _ethBook += sent;
            emit PayoutFailed(to, address(0), sent);
        }
    }

    function _payoutToken(address to, address token, uint256 amount) private {
        if (amount == 0) return;
        uint256 owed = _credited[token];
        // a token whose balanceOf cannot be read counts as holding enough: the push then decides
        (bool readable, uint256 held) = _heldBalance(token);
        if (readable && (held < owed || held - owed < amount)) {
            emit PayoutShort(to, token, amount);
            return;
        }
        bool ok = BoundedPush.send(to, token, amount, ETH_PAYOUT_GAS, TOKEN_PAYOUT_GAS);
        if (!ok) {
            withdrawable[to][token] += amount;
            _credited[token] = owed + amount;
            emit PayoutFailed(to, token, amount);
        }
    }

    /// @dev Pays what the vault can free of `amount`: at most its balance beyond its credits and, for ETH, the
    ///      bonds it holds (the processing bounties owed so far among them), so that this payout takes nothing
    ///      another payee is already owed. Returns what was sent or credited; the rest is reported
    ///      `PayoutShort`. A token whose balanceOf cannot be read counts as holding enough: the push then
    ///      decides. Never reverts.
    function _payoutUpTo(address to, address token, uint256 amount) internal returns (uint256 sent) {
        if (amount == 0) return 0;
        sent = amount;
        if (token == address(0)) {
            uint256 free = _freeEth(_ethBook);
            if (free < amount) sent = free;
        } else {
            (bool readable, uint256 held) = _heldBalance(token);
            uint256 owed = _credited[token];
            if (readable) {
                uint256 free = held > owed ? held - owed : 0;
                if (free < amount) sent = free;
            }
        }
        if (sent < amount) emit PayoutShort(to, token, amount - sent);
        if (sent == 0) return 0;
        if (!BoundedPush.send(to, token, sent, ETH_PAYOUT_GAS, TOKEN_PAYOUT_GAS)) {
            withdrawable[to][token] += sent;
            if (token == address(0)) _ethBook += sent;
            else _credited[token] += sent;
            emit PayoutFailed(to, token, sent);
        }
    }

    /// @dev The vault's ETH beyond its credits and its bonds, from the books word `book`.
    function _freeEth(uint256 book) private view returns (uint256) {
        uint256 reserved = uint128(book) + (book >> 128) - 1;
        uint256 held = address(this).balance;
        return held > reserved ? held - reserved : 0;
    }

    /// @dev The vault's balance of `token` (an ERC20), read with bounded gas and one word of return data, so a
    ///      token cannot bomb the queue's memory with it.
    function _heldBalance(address token) private view returns (bool readable, uint256 held) {
        bytes memory data = abi.encodeCall(IERC20.balanceOf, (address(this)));
        assembly ("memory-safe") {
            readable := staticcall(TOKEN_PAYOUT_GAS, token, add(data, 0x20), mload(data), 0, 0x20)
            readable := and(readable, gt(returndatasize(), 31))
            held := mload(0)
        }
    }
}
