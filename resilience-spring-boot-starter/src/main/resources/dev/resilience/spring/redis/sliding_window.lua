-- Sliding window: a weighted two-window counter aligned on Redis time. The previous window's
-- count weighs in proportion to how much of it the sliding window still covers.
--
-- State: one hash per limit and key, w = index of the current window, c = permits counted
-- in it, p = permits counted in the window before it.
--
-- KEYS[1]  the counter's key
-- ARGV[1]  acquire | peek | charge | refund
-- ARGV[2]  permits asked for, or adjusted
-- ARGV[3]  the capacity of one window
-- ARGV[4]  the window length in nanoseconds
--
-- Returns {allowed (1 or 0), previous count, current count before, current count after,
-- nanoseconds left in the current window}.
local key = KEYS[1]
local op = ARGV[1]
local amount = tonumber(ARGV[2])
local capacity = tonumber(ARGV[3])
local period = tonumber(ARGV[4]) / 1000

local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
local index = math.floor(now / period)
local left_us = math.max((index + 1) * period - now, 0)
local left = math.max(math.ceil(left_us * 1000), 1)
local state = redis.call('HMGET', key, 'w', 'c', 'p')
local current, previous = 0, 0
if state[1] then
    local passed = index - tonumber(state[1])
    if passed == 0 then
        current, previous = tonumber(state[2]), tonumber(state[3])
    elseif passed == 1 then
        previous = tonumber(state[2])
    end
end

local after
if op == 'acquire' then
    after = current + amount
    if previous * left_us / period + after > capacity then
        return {0, previous, current, after, left}
    end
elseif op == 'charge' then
    after = current + amount
elseif op == 'refund' then
    after = math.max(current - amount, 0)
else
    return {1, previous, current, current, left}
end

if after <= 0 and previous <= 0 then
    redis.call('DEL', key)
else
    redis.call('HSET', key, 'w', string.format('%.0f', index),
        'c', string.format('%.0f', after), 'p', string.format('%.0f', previous))
    -- The current count matters until the end of the next window, the previous one only until
    -- the end of this window; never expire within one second.
    local span = left
    if after > 0 then
        span = left + period * 1000
    end
    local ttl = math.ceil(span / 1000000)
    redis.call('PEXPIRE', key, math.max(1000, ttl))
end
return {1, previous, current, after, left}
