// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @title RevertingReceiver
/// @notice Test account that rejects ETH while `rejecting` is set, and can call any contract (to deposit,
///         exit and withdraw through the framework as a contract owner).
contract RevertingReceiver {
    error Rejected();
    error CallFailed(bytes reason);

    bool public rejecting = true;

    /// @notice Turns ETH rejection on or off.
    function setRejecting(bool value) external {
        rejecting = value;
    }

    /// @notice Calls `target` with `data` and `value` from this contract.
    function execute(address target, bytes calldata data, uint256 value) external payable returns (bytes memory) {
        (bool ok, bytes memory ret) = target.call{value: value}(data);
        if (!ok) revert CallFailed(ret);
        return ret;
    }

    receive() external payable {
        if (rejecting) revert Rejected();
    }
}
